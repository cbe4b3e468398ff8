"""A role-play's free-text turn through the real cycle: typed into the player, saved in the
transcript, shown in the graded and feedback notebooks, checked by the identifier guard, and
graded by a supervisor against its rubric as an nbgrader manual grade."""

from __future__ import annotations

from pathlib import Path

import pytest

from paratrain.cohort import lifecycle
from paratrain.cohort.course import init_course
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.release import course_secret, keyed_projection
from paratrain.scenarios.scoring import best_path
from paratrain.scenarios.session import PlaySession
from paratrain.supervision.flags import list_flags, raise_flags
from paratrain.supervision.rubrics import CellKey, score_answer, sync_rubrics
from paratrain.supervision.store import open_store
from paratrain.supervision.submissions import assignment_plan, read_submission
from tests.conftest import REPO

pytestmark = [
    pytest.mark.nbgrader,
    pytest.mark.slow,
    # nbgrader 0.9.6's feedback step opens timestamp.txt without closing it (in-process here)
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]

A = "m09-self-care-and-supervision"
REPLY = (
    "It sounds like you were shaken by that call. You did the right thing telling me; "
    "call me at 555-867-5309 tonight if it comes back."
)  # a real-looking number


def test_a_reply_is_saved_shown_guarded_and_graded_by_rubric(tmp_path: Path) -> None:
    course = init_course(root=tmp_path / "course", course_id="reply", repo=REPO, assignments=[A])
    assert lifecycle.release(course, A).ok
    home = tmp_path / "homes" / "amina"
    work = lifecycle.fetch_as(course, "amina", A, home)
    sid = next(p.name.removesuffix(".scenario.yaml") for p in work.glob("*.scenario.yaml"))
    public = load_scenario(work / f"{sid}.scenario.yaml")
    secret = course_secret(course.keys)
    assert secret is not None
    key = keyed_projection(load_scenario(course.keys / A / f"{sid}.scenario.yaml"), secret)
    ses = PlaySession(public, work / f"{sid}.transcript.json", trainee="amina")
    for item in best_path(key):
        if ses.node.is_reply:
            ses.reply(REPLY)
        else:
            ses.choose(item)
    assert ses.finished
    lifecycle.submit_as(course, "amina", A, home)
    assert lifecycle.collect(course, A).ok
    assert lifecycle.autograde(course, A, "amina").ok

    plan = assignment_plan(course, A)
    replies = [a for a in plan.answers if a.reply is not None]
    assert replies and all(a.rubric for a in replies)
    spec = replies[0]
    # the rubric the supervisor grades with carries the notes trainees never see
    assert any(c.get("note") for c in spec.rubric["rubric"])  # type: ignore[index]
    sub = read_submission(course, "amina", A, plan)
    written = next(a for a in sub.answers if a.spec.grade_id == spec.grade_id)
    assert written.text == REPLY
    graded_nb = (course.root / "autograded" / "amina" / A / f"{A}.ipynb").read_text()
    assert "You (in your own words)" in graded_nb and "shaken by that call" in graded_nb

    raise_flags(course)
    with open_store(course) as store:
        flags = list_flags(store, course.course_id, student="amina")
        assert any(
            f.flag.kind == "identifying-information" and f.flag.item == spec.grade_id for f in flags
        )
        sync_rubrics(store, course)
        marks = {c["id"]: 1.0 for c in spec.rubric["rubric"]}  # type: ignore[index]
        score_answer(
            store, course, CellKey(A, spec.notebook, spec.grade_id), "amina", marks, reviewer="sue"
        )
    rows = {r["student"]: r for r in lifecycle.scores(course)}
    assert rows["amina"]["cells"][spec.grade_id] == spec.points

    assert lifecycle.feedback(course, A)[0].ok
    html = (course.root / "feedback" / "amina" / A / f"{A}.html").read_text()
    assert "shaken by that call" in html
    key_text = (course.keys / A / f"{sid}.scenario.yaml").read_text()
    note = next(c["note"] for c in spec.rubric["rubric"] if c.get("note"))  # type: ignore[index]
    assert note.split()[0] in key_text and note not in html
