"""What a hub for one or more cohorts holds: users, groups, roles and course services.

A :class:`Plan` is plain data built from rosters by :func:`build_plan`. The renderers
(:mod:`paratrain.hub.render` for a ``jupyterhub_config.py``, :mod:`paratrain.hub.z2jh` for
Zero to JupyterHub) write it out, and :mod:`paratrain.hub.rules` checks it, so the local hub
and the Kubernetes one are held to the same rules.

Per cohort (course id ``C``):

=====================  ==============================================================
group                  members and purpose
=====================  ==============================================================
``trainees-C``         the cohort's trainees; the supervisors' role points at it
``supervisors-C``      the cohort's supervisors; holds the role ``supervisor-C``
``nbgrader-C``         trainees, as nbgrader expects (its JupyterHubAuthPlugin reads
                       course membership from ``nbgrader-*`` and ``formgrade-*`` groups)
``formgrade-C``        supervisors, as nbgrader expects
=====================  ==============================================================

No role is ever given to ``nbgrader-C`` or ``formgrade-C``: nbgrader's own tools may add
people to them (the formgrader's "add student" does, with its JupyterHub auth plugin), so a
role there could be handed out by a course service. Course services hold no hub scopes at
all: rosters are the one source of who is in a cohort, through ``paratrain hub config``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from paratrain.cohort.roster import Person, supervisors, trainees
from paratrain.errors import HubError

COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
SERVER_ROLE = "server"


def trainees_group(course: str) -> str:
    return f"trainees-{course}"


def supervisors_group(course: str) -> str:
    return f"supervisors-{course}"


def nbgrader_group(course: str) -> str:
    return f"nbgrader-{course}"


def formgrade_group(course: str) -> str:
    return f"formgrade-{course}"


@dataclass(frozen=True)
class Cohort:
    """One cohort: its nbgrader course id (also the name of its course service) and people."""

    course_id: str
    people: tuple[Person, ...]

    @property
    def trainees(self) -> list[str]:
        return [p.id for p in trainees(self.people)]

    @property
    def supervisors(self) -> list[str]:
        return [p.id for p in supervisors(self.people)]


@dataclass(frozen=True)
class Role:
    """A JupyterHub role: scopes, and who holds it."""

    name: str
    scopes: tuple[str, ...]
    description: str = ""
    users: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    services: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "name": self.name,
            "description": self.description,
            "scopes": list(self.scopes),
        }
        for key in ("users", "groups", "services"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        return out


@dataclass(frozen=True)
class Plan:
    """Everything the hub must know about the cohorts, independent of how it is deployed."""

    cohorts: tuple[Cohort, ...]
    users: tuple[str, ...]
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roles: tuple[Role, ...] = ()
    services: tuple[str, ...] = ()

    @property
    def supervisor_groups(self) -> list[str]:
        return [supervisors_group(c.course_id) for c in self.cohorts]

    def groups_of(self, user: str) -> set[str]:
        return {g for g, members in self.groups.items() if user in members}

    def role(self, name: str) -> Role:
        for r in self.roles:
            if r.name == name:
                return r
        raise KeyError(name)


def server_role() -> Role:
    """The token every single-user server gets (intersected with its owner's permissions).

    JupyterHub's default is activity reporting only; nbgrader's assignment list needs the
    owner's group names (its JupyterHubAuthPlugin asks which courses the user is in), and a
    supervisor's course list needs the services the supervisor may see.
    """
    return Role(
        SERVER_ROLE,
        (
            "users:activity!user",
            "access:servers!server",
            "read:users:name!user",
            "read:users:groups!user",
            "list:services",
            "read:services",
        ),
        description="single-user servers: activity, own groups (nbgrader courses), "
        "visible course services",
    )


def supervisor_role(course: str, trainee_ids: Sequence[str]) -> Role:
    """Supervisors of one cohort: its course service, and their trainees' servers.

    ``access:servers`` names each trainee (``!user=``) rather than the group: JupyterHub
    6.1 single-user servers check access without the hub's database and ignore
    ``!group=`` filters (measured: the supervisor gets 403). ``read:servers`` is checked by
    the hub itself, where the group filter works.
    """
    return Role(
        f"supervisor-{course}",
        (
            f"access:services!service={course}",
            f"list:services!service={course}",
            f"read:services!service={course}",
            f"read:servers!group={trainees_group(course)}",
            *(f"access:servers!user={t}" for t in sorted(trainee_ids)),
        ),
        description=f"supervisors of {course}: its course service (formgrader) and their "
        "own trainees' servers",
        groups=(supervisors_group(course),),
    )


def check_course_id(course: str) -> str:
    if not COURSE_ID.match(course):
        raise HubError(
            f"'{course}' cannot be a course id on a hub",
            hint="use lowercase letters, digits and '-' (at most 40 characters); "
            "it becomes a service name and part of group names",
        )
    return course


def build_plan(cohorts: Sequence[Cohort]) -> Plan:
    """The users, groups, roles and services for ``cohorts``.

    Raises
    ------
    HubError
        If there are no cohorts, a course id is used twice or is not usable, a cohort has
        no trainee or no supervisor, or a person's id is also a course id.
    """
    if not cohorts:
        raise HubError("a hub needs at least one cohort", hint="pass --cohort ID:ROSTER.csv")
    seen: set[str] = set()
    for c in cohorts:
        check_course_id(c.course_id)
        if c.course_id in seen:
            raise HubError(f"course id '{c.course_id}' is given twice")
        seen.add(c.course_id)
        if not c.trainees or not c.supervisors:
            raise HubError(
                f"cohort '{c.course_id}' needs at least one trainee and one supervisor",
                hint="set role=supervisor on a roster row",
            )
    users = sorted({p.id for c in cohorts for p in c.people})
    clash = sorted(set(users) & seen)
    if clash:
        raise HubError(
            f"'{clash[0]}' is both a person and a course id",
            hint="rename the course: services and users share URLs",
        )
    groups: dict[str, tuple[str, ...]] = {}
    roles = [server_role()]
    for c in cohorts:
        cid = c.course_id
        groups[trainees_group(cid)] = tuple(sorted(c.trainees))
        groups[supervisors_group(cid)] = tuple(sorted(c.supervisors))
        groups[nbgrader_group(cid)] = tuple(sorted(c.trainees))
        groups[formgrade_group(cid)] = tuple(sorted(c.supervisors))
        roles.append(supervisor_role(cid, c.trainees))
    return Plan(
        tuple(cohorts), tuple(users), groups, tuple(roles), tuple(c.course_id for c in cohorts)
    )


def cohorts_from(pairs: Iterable[tuple[str, Sequence[Person]]]) -> list[Cohort]:
    return [Cohort(cid, tuple(people)) for cid, people in pairs]
