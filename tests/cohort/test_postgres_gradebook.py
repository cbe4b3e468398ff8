"""The gradebook on a real PostgreSQL server: release, submit, parallel grade, status."""

from __future__ import annotations

from pathlib import Path

import pytest

from paratrain.cohort import lifecycle
from paratrain.cohort.course import init_course
from paratrain.cohort.grade import grade
from paratrain.cohort.status import cohort_status
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.widget import Player
from tests.conftest import MINIREPO
from tests.postgres import fresh_postgres_url, postgres_server  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.postgres, pytest.mark.nbgrader, pytest.mark.slow]
A = "t01-first-contact"


def test_gradebook_on_postgresql(tmp_path: Path, fresh_postgres_url: str) -> None:  # noqa: F811
    course = init_course(
        root=tmp_path / "course", course_id="pg", repo=MINIREPO, db_url=fresh_postgres_url
    )
    assert course.db_url.startswith("postgresql+psycopg://")
    assert lifecycle.release(course, A).ok
    plans = {
        "ana": ["open", "ask-directly", "involve"],
        "ben": ["advice", "ask-directly", "secret"],
        "cy": ["open", "avoid"],
    }
    for sid, choices in plans.items():
        work = lifecycle.fetch_as(course, sid, A, tmp_path / "homes" / sid)
        p = Player(
            load_scenario(work / "t01-lin.scenario.yaml"),
            work / "t01-lin.transcript.json",
            trainee=sid,
        )
        for c in choices:
            p.choose(c)
        lifecycle.submit_as(course, sid, A, tmp_path / "homes" / sid)
    assert lifecycle.collect(course, A).ok
    outcomes = grade(course, [A], workers=3)
    assert [o.ok for o in outcomes] == [True, True, True]
    scores = {r["student"]: r["cells"]["score-t01-lin"] for r in lifecycle.scores(course)}
    assert scores == {"ana": 10.0, "ben": 6.67, "cy": 1.67}
    assert not (course.root / "gradebook.db").exists()  # nothing fell back to SQLite
    states = {r.student: r.state for r in cohort_status(course, [A])}
    assert set(states.values()) <= {"graded", "needs-manual"}
