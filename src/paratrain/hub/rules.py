"""Who may reach what on a cohort hub: a small evaluator of JupyterHub scopes, and the rules.

:func:`check` takes a :class:`~paratrain.hub.plan.Plan` (built from rosters, or read back
from a rendered Zero to JupyterHub ``values.yaml``) and returns every broken rule. The rules
are read from group names alone, so any plan can be checked:

* a trainee reaches their own server, no other server and no course service;
* a supervisor of cohort C reaches C's course service and the servers of C's trainees, and
  no other course service or server;
* nobody holds an unfiltered scope (admin-like powers);
* course services hold no hub scopes, and no role hangs on an ``nbgrader-*`` or
  ``formgrade-*`` group (nbgrader's own tools may add people to those).

The evaluator follows JupyterHub's scope semantics (``docs/source/rbac/scopes.md``): scopes
imply their subscopes; ``!user=``, ``!group=``, ``!server=`` and ``!service=`` filters narrow
them; ``!user`` and ``!server`` without a value mean the owner. The real hub tests check that
the hub enforces what this module predicts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from paratrain.hub.plan import Plan

# scope -> the scopes it implies (JupyterHub 5/6 scope_definitions, the parts we rely on)
SUBSCOPES: dict[str, tuple[str, ...]] = {
    "admin:users": ("admin:auth_state", "users", "read:roles:users", "delete:users"),
    "users": ("read:users", "list:users", "users:activity"),
    "list:users": ("read:users:name",),
    "read:users": ("read:users:name", "read:users:groups", "read:users:activity"),
    "users:activity": ("read:users:activity",),
    "admin:servers": ("admin:server_state", "servers"),
    "servers": ("read:servers", "start:servers", "delete:servers"),
    "read:servers": ("read:users:name",),
    "tokens": ("read:tokens",),
    "admin:groups": ("groups", "read:roles:groups", "delete:groups"),
    "groups": ("read:groups", "list:groups"),
    "list:groups": ("read:groups:name",),
    "read:groups": ("read:groups:name",),
    "admin:services": ("list:services", "read:services", "read:roles:services"),
    "list:services": ("read:services:name",),
    "read:services": ("read:services:name",),
    "shares": ("access:servers", "read:shares", "users:shares", "groups:shares"),
    "users:shares": ("read:users:shares",),
    "groups:shares": ("read:groups:shares",),
}
# what JupyterHub's 'self' metascope gives every user over their own things
NBGRADER_GROUP_PREFIXES = ("nbgrader-", "formgrade-")
SELF = (
    "read:users",
    "users:shares",
    "read:shares",
    "users:activity",
    "servers",
    "tokens",
    "access:servers",
)


@dataclass(frozen=True)
class Grant:
    """One expanded scope: a base scope and its filter (``None`` = everything)."""

    scope: str
    kind: str | None = None  # user | group | server | service
    value: str = ""


def expand(scope: str, owner: str | None = None) -> set[Grant]:
    base, _, filt = scope.partition("!")
    kind: str | None = None
    value = ""
    if filt:
        kind, _, value = filt.partition("=")
        if not value:  # '!user' / '!server': the token's owner
            if owner is None:
                return set()
            value = owner if kind == "user" else f"{owner}/"
    out: set[Grant] = set()
    todo = [base]
    while todo:
        s = todo.pop()
        out.add(Grant(s, kind, value))
        todo += SUBSCOPES.get(s, ())
    return out


def grants_of(plan: Plan, subject: str, *, kind: str = "user") -> set[Grant]:
    """Everything a user (with the default 'user' role) or a service holds."""
    out: set[Grant] = set()
    groups = plan.groups_of(subject) if kind == "user" else set()
    if kind == "user":
        for s in SELF:
            out |= expand(f"{s}!user={subject}")
    for role in plan.roles:
        holders = role.users if kind == "user" else role.services
        if subject in holders or (kind == "user" and groups & set(role.groups)):
            for s in role.scopes:
                out |= expand(s, owner=subject if kind == "user" else None)
    return out


def allows(plan: Plan, grants: Iterable[Grant], scope: str, target_kind: str, target: str) -> bool:
    """Whether ``grants`` include ``scope`` on a target: a user, server ('name/'), group or
    service."""
    for g in grants:
        if g.scope != scope:
            continue
        if g.kind is None:
            return True
        if g.kind == target_kind and g.value == target:
            return True
        owner = target.split("/")[0] if target_kind == "server" else target
        if g.kind == "user" and target_kind in ("user", "server") and g.value == owner:
            return True
        if (
            g.kind == "group"
            and target_kind in ("user", "server")
            and owner in plan.groups.get(g.value, ())
        ):
            return True
    return False


def _cohorts(plan: Plan) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """course id -> (trainees, supervisors), read from the group names."""
    out = {}
    for name, members in plan.groups.items():
        if name.startswith("trainees-"):
            course = name.removeprefix("trainees-")
            out[course] = (members, plan.groups.get(f"supervisors-{course}", ()))
    return out


def check(plan: Plan) -> list[str]:
    """Every broken rule, as readable sentences (empty when the plan is sound)."""
    problems: list[str] = []
    cohorts = _cohorts(plan)
    if not cohorts:
        return ["no trainees-<course> group: nothing to check"]
    for group, members in plan.groups.items():
        strangers = sorted(set(members) - set(plan.users))
        if strangers:
            problems.append(
                f"group {group} names people who are not allowed to log in: {', '.join(strangers)}"
            )
    supervised: dict[str, set[str]] = {}
    for course, (tr, sups) in cohorts.items():
        for s in sups:
            supervised.setdefault(s, set()).update(tr)
        if course not in plan.services:
            problems.append(f"cohort {course} has no course service named {course}")
    for user in plan.users:
        grants = grants_of(plan, user)
        for grant in grants:
            if grant.kind is None:
                problems.append(f"{user} holds the unfiltered scope {grant.scope}")
        if not allows(plan, grants, "access:servers", "server", f"{user}/"):
            problems.append(f"{user} cannot reach their own server")
        for other in plan.users:
            if other == user:
                continue
            may = other in supervised.get(user, set())
            if allows(plan, grants, "access:servers", "server", f"{other}/") != may:
                problems.append(f"{user} {'cannot' if may else 'can'} reach {other}'s server")
        for course, (_tr, sups) in cohorts.items():
            may = user in sups
            if allows(plan, grants, "access:services", "service", course) != may:
                problems.append(
                    f"{user} {'cannot' if may else 'can'} reach course service {course}"
                )
    for service in plan.services:
        for grant in sorted(grants_of(plan, service, kind="service"), key=str):
            problems.append(
                f"service {service} holds {grant.scope}"
                + (f"!{grant.kind}={grant.value}" if grant.kind else " (unfiltered)")
            )
    for role in plan.roles:
        for group in role.groups:
            if group.startswith(NBGRADER_GROUP_PREFIXES):
                problems.append(
                    f"role {role.name} is given to group {group}, which "
                    "nbgrader's tools may add people to"
                )
    return problems
