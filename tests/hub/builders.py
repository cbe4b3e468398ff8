"""Small in-memory cohorts for the hub tests."""

from __future__ import annotations

from paratrain.cohort.roster import Person
from paratrain.hub.plan import Cohort

A, B = "cohort-a", "cohort-b"
COHORT_A = Cohort(
    A,
    (
        Person("ana", "Ana", "Arroyo", "ana@example.org"),
        Person("ben", "Ben", "Brandt", "ben@example.org"),
        Person("sue", "Sue", "Sato", "sue@example.org", "supervisor"),
    ),
)
COHORT_B = Cohort(
    B,
    (
        Person("cy", "Cy", "Cole", "cy@example.org"),
        Person("tom", "Tom", "Tran", "tom@example.org", "supervisor"),
    ),
)
TRAINEES = {"ana": A, "ben": A, "cy": B}
SUPERVISORS = {"sue": A, "tom": B}
