"""Groups, roles and the access rules, without a hub: the plan for two cohorts obeys every
rule, and each way of breaking a rule is caught."""

from __future__ import annotations

import dataclasses

import pytest

from paratrain.cohort.roster import Person
from paratrain.errors import HubError
from paratrain.hub import rules
from paratrain.hub.plan import Cohort, Plan, Role, build_plan
from tests.hub.builders import COHORT_A, COHORT_B, A, B


@pytest.fixture
def plan() -> Plan:
    return build_plan([COHORT_A, COHORT_B])


def test_groups_per_cohort_follow_nbgrader_names(plan: Plan) -> None:
    assert plan.groups == {
        f"trainees-{A}": ("ana", "ben"),
        f"supervisors-{A}": ("sue",),
        f"nbgrader-{A}": ("ana", "ben"),
        f"formgrade-{A}": ("sue",),
        f"trainees-{B}": ("cy",),
        f"supervisors-{B}": ("tom",),
        f"nbgrader-{B}": ("cy",),
        f"formgrade-{B}": ("tom",),
    }
    assert plan.users == ("ana", "ben", "cy", "sue", "tom")
    assert plan.services == (A, B)


def test_roles_are_the_least_that_work(plan: Plan) -> None:
    assert [r.name for r in plan.roles] == ["server", f"supervisor-{A}", f"supervisor-{B}"]
    sup = plan.role(f"supervisor-{A}")
    assert sup.groups == (f"supervisors-{A}",)
    assert set(sup.scopes) == {
        f"access:services!service={A}",
        f"list:services!service={A}",
        f"read:services!service={A}",
        f"read:servers!group=trainees-{A}",
        "access:servers!user=ana",
        "access:servers!user=ben",
    }
    # nothing for trainees beyond JupyterHub's own 'user' role, nothing for services
    assert not any(r.users or r.services for r in plan.roles)


def test_the_plan_obeys_every_rule(plan: Plan) -> None:
    assert rules.check(plan) == []


def test_what_each_person_may_reach(plan: Plan) -> None:
    def may(user: str, kind: str, target: str) -> bool:
        scope = "access:servers" if kind == "server" else "access:services"
        return rules.allows(plan, rules.grants_of(plan, user), scope, kind, target)

    assert may("ana", "server", "ana/")
    assert not may("ana", "server", "ben/")
    assert not any(may("ana", "service", c) for c in (A, B))
    assert may("sue", "service", A) and not may("sue", "service", B)
    assert may("sue", "server", "ana/") and may("sue", "server", "ben/")
    assert not may("sue", "server", "cy/") and not may("sue", "server", "tom/")
    assert may("tom", "server", "cy/") and not may("tom", "service", A)


def _with_role(plan: Plan, role: Role) -> Plan:
    return dataclasses.replace(plan, roles=(*plan.roles, role))


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (
            Role("leak", ("access:services!service=cohort-a",), users=("ana",)),
            "ana can reach course service cohort-a",
        ),
        (
            Role("peek", ("access:servers!group=trainees-cohort-a",), users=("ben",)),
            "ben can reach ana's server",
        ),
        (
            Role("wide", ("access:services",), groups=("supervisors-cohort-a",)),
            "sue can reach course service cohort-b",
        ),
        (
            Role("admin-ish", ("admin:users",), users=("tom",)),
            "tom holds the unfiltered scope admin:users",
        ),
        (
            Role("svc", ("groups!group=nbgrader-cohort-a",), services=("cohort-a",)),
            "service cohort-a holds groups!group=nbgrader-cohort-a",
        ),
        (
            Role("via-nbgrader", ("read:users:name!user=ana",), groups=("nbgrader-cohort-a",)),
            "role via-nbgrader is given to group nbgrader-cohort-a",
        ),
    ],
)
def test_each_broken_rule_is_reported(plan: Plan, role: Role, expected: str) -> None:
    problems = rules.check(_with_role(plan, role))
    assert any(p.startswith(expected) for p in problems), problems


def test_a_supervisor_who_cannot_reach_a_trainee_is_reported(plan: Plan) -> None:
    sup = plan.role(f"supervisor-{A}")
    narrowed = dataclasses.replace(
        sup, scopes=tuple(s for s in sup.scopes if s != "access:servers!user=ben")
    )
    broken = dataclasses.replace(plan, roles=tuple(narrowed if r is sup else r for r in plan.roles))
    assert "sue cannot reach ben's server" in rules.check(broken)


def test_scope_expansion_follows_jupyterhub() -> None:
    assert rules.Grant("read:users:name", "group", "g") in rules.expand("servers!group=g")
    assert rules.expand("access:servers!server", owner="ana") == {
        rules.Grant("access:servers", "server", "ana/")
    }
    assert rules.expand("read:users!user") == set()  # an owner filter needs an owner


@pytest.mark.parametrize(
    ("cohorts", "message"),
    [
        ([], "at least one cohort"),
        ([COHORT_A, COHORT_A], "given twice"),
        ([Cohort("Bad_Id", COHORT_A.people)], "cannot be a course id"),
        ([Cohort(A, COHORT_A.people[:2])], "at least one trainee and one supervisor"),
        ([Cohort("ana", COHORT_A.people)], "both a person and a course id"),
    ],
)
def test_unusable_cohorts_are_refused(cohorts: list[Cohort], message: str) -> None:
    with pytest.raises(HubError, match=message):
        build_plan(cohorts)


def test_a_person_may_supervise_two_cohorts() -> None:
    both = Cohort(B, (*COHORT_B.people, Person("sue", "Sue", "Sato", role="supervisor")))
    plan = build_plan([COHORT_A, both])
    assert rules.check(plan) == []
    grants = rules.grants_of(plan, "sue")
    assert rules.allows(plan, grants, "access:servers", "server", "cy/")
