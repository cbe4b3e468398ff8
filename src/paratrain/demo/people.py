"""Who is in the demo cohort: twelve fictional trainees with different skill profiles, and two
fictional supervisors. Every name is made up."""

from __future__ import annotations

from paratrain.cohort.roster import Person
from paratrain.cohort.simulate import Profile

COURSE_ID = "riverbend-cohort-1"

TRAINEES: tuple[tuple[str, str, str, Profile], ...] = (
    ("amara", "Amara", "Okafor", Profile("strong", 1.0, quiz_accuracy=1.0, writing=0)),
    ("bao", "Bao", "Nguyen", Profile("strong", 0.95, quiz_accuracy=0.95, writing=0)),
    ("carmen", "Carmen", "Ruiz", Profile("average", 0.7, quiz_accuracy=0.8)),
    ("deshawn", "DeShawn", "Miller", Profile("average", 0.6, quiz_accuracy=0.75)),
    ("elif", "Elif", "Demir", Profile("average", 0.75, quiz_accuracy=0.85)),
    ("farah", "Farah", "Haddad", Profile("average", 0.65, quiz_accuracy=0.7, writing=1)),
    (
        "gus",
        "Gus",
        "Lindqvist",
        Profile("harmful-in-crisis", 0.5, harmful=True, quiz_accuracy=0.6, writing=2),
    ),
    ("hana", "Hana", "Kim", Profile("average", 0.8, quiz_accuracy=0.8)),
    ("ike", "Ike", "Begay", Profile("late", 0.7, quiz_accuracy=0.8, submits="late")),
    ("jo", "Jo", "Peters", Profile("struggling", 0.3, quiz_accuracy=0.5, writing=2)),
    ("kwame", "Kwame", "Asante", Profile("strong", 0.9, quiz_accuracy=0.9, writing=0)),
    ("lena", "Lena", "Fischer", Profile("never-submits", 0.0, submits="never")),
)

SUPERVISORS = (
    Person("sup-rivera", "Marisol", "Rivera", "sup-rivera@example.org", "supervisor"),
    Person("sup-okoye", "Daniel", "Okoye", "sup-okoye@example.org", "supervisor"),
)

# Whose home the printed trainee lab opens.
SHOWN_TRAINEE = "amara"
