"""Rubrics, flags, reviews and sign-off on a course graded through the real nbgrader cycle."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from paratrain.cohort.course import Course
from paratrain.errors import InputError
from paratrain.supervision import flags, reviews, rubrics
from paratrain.supervision.gradebook import read_gradebook
from paratrain.supervision.store import Store
from paratrain.supervision.submissions import assignment_plan, read_submission
from tests.supervision.course_builder import A

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]
KEY = rubrics.CellKey(A, A, "t01-note")


def cell(course: Course, student: str) -> tuple[float | None, bool]:
    g = read_gradebook(course.db_url, course.course_id).grades
    row = g[(g["student"] == student) & (g["cell"] == "t01-note")].iloc[0]
    return row["manual_score"], bool(row["needs_manual_grade"])


def test_submission_reads_transcripts_answers_and_levels(course: Course) -> None:
    plan = assignment_plan(course, A)
    assert plan.roleplays == ("t01-lin",) and plan.module == 1
    assert [a.grade_id for a in plan.answers] == ["t01-note"]
    ben = read_submission(course, "ben", A, plan)
    (rp,) = ben.roleplays
    assert [s.choice for s in rp.steps] == ["advice", "ask-directly", "secret"]
    assert [s.harmful for s in rp.steps] == [True, False, True]
    assert rp.steps[0].feedback  # the feedback the choice carried, from the key
    assert ben.levels["active-listening"].level == 1
    assert ben.levels["suicide-inquiry"].level == 4
    assert "555-2368" in ben.answers[0].text
    assert read_submission(course, "cy", A, plan).roleplays[0].problem == "missing"
    assert read_submission(course, "dee", A, plan).roleplays[0].problem == "corrupt"
    assert not read_submission(course, "eve", A, plan).submitted


def test_raise_flags_finds_everything_once(course: Course, store: Store) -> None:
    new = flags.raise_flags(course, store=store)
    kinds = sorted((f.kind, f.student) for f in new)
    assert kinds == [
        ("harmful-choice", "ben"),
        ("harmful-choice", "ben"),
        ("identifying-information", "ben"),
        ("missing-work", "eve"),
        ("transcript-corrupt", "dee"),
        ("transcript-missing", "cy"),
    ]
    assert flags.raise_flags(course, store=store) == []  # nothing new the second time
    views = flags.list_flags(store, course.course_id)
    assert [v.flag.severity for v in views] == sorted(v.flag.severity for v in views)
    harm = next(v.flag for v in views if v.flag.kind == "harmful-choice")
    assert harm.detail["client"] and harm.detail["text"] and "decision 1" in harm.reason
    pii = next(v.flag for v in views if v.flag.kind == "identifying-information")
    assert {f["kind"] for f in pii.detail["findings"]} == {"phone", "email"}
    assert "2368" not in str(pii.detail) or "555-2368" not in str(pii.detail)


def test_late_work_is_flagged_from_due_dates(course: Course, store: Store) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url, course_id=course.course_id) as gb:
        gb.update_or_create_assignment(A, duedate=datetime(2020, 1, 1))
    new = flags.raise_flags(course, store=store, now=datetime.now(UTC))
    late = {f.student for f in new if f.kind == "late-work"}
    assert late == {"ana", "ben", "cy", "dee"}
    missing = next(f for f in new if f.kind == "missing-work")
    assert "was due 2020-01-01" in missing.reason


def test_rubric_score_writes_back_and_changed_points_recompute(
    course: Course, store: Store
) -> None:
    assert rubrics.sync_rubrics(store, course) == [KEY]
    assert rubrics.sync_rubrics(store, course) == []
    rubric = rubrics.current_rubric(store, course.course_id, KEY)
    assert rubric is not None and rubric.max_points == 3
    assert rubric.rubric[1].note == "Any diagnostic label loses this point."
    row = rubrics.score_answer(
        store,
        course,
        KEY,
        "ana",
        {"facts": 1.0, "no-diagnosis": 1.0},
        reviewer="grace",
        comment="Clear.",
    )
    assert row["total"] == 3 and cell(course, "ana") == (3.0, False)
    rubrics.score_answer(
        store, course, KEY, "ben", {"facts": 0.5, "no-diagnosis": 0.0}, reviewer="grace"
    )
    assert cell(course, "ben") == (1.0, False)
    # the supervisor rebalances the points: totals that used the old version are recomputed
    changed = rubric.model_copy(
        update={
            "rubric": (
                rubric.rubric[0].model_copy(update={"points": 1.0}),
                rubric.rubric[1].model_copy(update={"points": 2.0}),
            )
        }
    )
    done = rubrics.adopt_rubric(
        store, course, KEY, changed, actor="lead", source="edit", cell_points=3
    )
    assert done.adopted and {r["student"]: r["total"] for r in done.rescored} == {
        "ana": 3.0,
        "ben": 0.5,
    }
    assert cell(course, "ben") == (0.5, False)
    history = [r for r in store.rows(rubrics.schema.rubric_score) if r["student"] == "ben"]
    assert [r["reason"] for r in history] == ["scored", "recomputed"]  # nothing overwritten
    assert rubrics.sync_rubrics(store, course) == []  # the source does not undo the change


def test_rubric_problems_are_clear(course: Course, store: Store, tmp_path: Path) -> None:
    rubrics.sync_rubrics(store, course)
    with pytest.raises(InputError, match="no mark for criteria: no-diagnosis"):
        rubrics.score_answer(store, course, KEY, "ana", {"facts": 1.0}, reviewer="grace")
    with pytest.raises(InputError, match="not in the rubric: style"):
        rubrics.score_answer(store, course, KEY, "ana", {"style": 1.0}, reviewer="grace")
    bad = tmp_path / "r.yaml"
    bad.write_text(yaml.safe_dump({"rubric": [{"id": "a", "criterion": "x", "points": 5}]}))
    with pytest.raises(InputError, match="adds up to 5 points but the answer is worth 3"):
        rubrics.adopt_rubric(
            store,
            course,
            KEY,
            rubrics.read_rubric_file(bad),
            actor="x",
            source=str(bad),
            cell_points=3,
        )
    bad.write_text("rubric:\n  - id: A B\n    points: -1\n")
    with pytest.raises(InputError, match=r"r\.yaml: the rubric is not valid .*rubric\.0"):
        rubrics.read_rubric_file(bad)
    assert rubrics.parse_mark("partly") == 0.5
    with pytest.raises(InputError):
        rubrics.parse_mark("2")


def test_rating_signoff_and_history(course: Course, store: Store) -> None:
    plan = assignment_plan(course, A)
    ana = read_submission(course, "ana", A, plan)
    with pytest.raises(InputError, match="needs a comment"):
        reviews.rate(store, ana, "active-listening", 4, reviewer="grace")
    with pytest.raises(reviews.SignOffError) as refused:
        reviews.sign_off(store, ana, plan, reviewer="grace")
    assert any("not yet rated" in u for u in refused.value.unmet)
    for comp, lv in ana.levels.items():
        reviews.rate(store, ana, comp, lv.level, reviewer="grace")
    reviews.rate(store, ana, "active-listening", 4, reviewer="grace", comment="reflected well")
    rubrics.sync_rubrics(store, course)
    rubrics.score_answer(
        store, course, KEY, "ana", {"facts": 1, "no-diagnosis": 1}, reviewer="grace"
    )
    status = reviews.module_status(store, ana, plan)
    assert status.ready, status.criteria
    reviews.sign_off(store, ana, plan, reviewer="grace", comment="ready for visits")
    assert reviews.current_signoff(store, course.course_id, "ana", A) is not None
    reviews.withdraw_sign_off(store, ana, reviewer="lead", comment="re-check after incident")
    assert reviews.current_signoff(store, course.course_id, "ana", A) is None
    history = reviews.rating_history(store, course.course_id, "ana", A)
    assert [r["level"] for r in history if r["competency"] == "active-listening"] == [3, 4]
    assert all(r["rubric_version"].startswith(reviews.RATING_SCALE) for r in history)
    assert len(reviews.signoff_history(store, course.course_id, "ana", A)) == 2


def test_open_flags_block_sign_off_until_resolved(course: Course, store: Store) -> None:
    flags.raise_flags(course, store=store)
    plan = assignment_plan(course, A)
    ben = read_submission(course, "ben", A, plan)
    status = reviews.module_status(store, ben, plan)
    crit = {c.name: c for c in status.criteria}
    assert not crit["no open flags"].met and "3 open flag(s)" in crit["no open flags"].detail
    for v in flags.list_flags(store, course.course_id, student="ben"):
        flags.resolve_flag(store, v.id, by="grace", note="talked it through")
    crit = {c.name: c for c in reviews.module_status(store, ben, plan).criteria}
    assert crit["no open flags"].met
