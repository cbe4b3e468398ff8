"""Frame builders on small hand-made tables (no files, no database)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd

from paratrain.reports import frames
from paratrain.reports.inputs import (
    FLAG_COLUMNS,
    LEVEL_COLUMNS,
    RATING_COLUMNS,
    SESSION_COLUMNS,
    SIGNOFF_COLUMNS,
    STEP_COLUMNS,
    CohortInputs,
)
from paratrain.supervision.gradebook import GradebookFrames

T = pd.Timestamp


def inputs() -> CohortInputs:
    students = pd.DataFrame(
        {
            "student": ["ana", "ben", "cy"],
            "first_name": ["Ana", "Ben", "Cy"],
            "last_name": ["A", "B", "C"],
            "email": ["", "", ""],
        }
    )
    assignments = pd.DataFrame(
        {
            "assignment": ["m2", "m1"],
            "max_score": [10.0, 10.0],
            "duedate": [T("2026-02-01", tz="UTC"), T("2026-01-01", tz="UTC")],
        }
    )
    cells = pd.DataFrame(
        {
            "assignment": ["m1", "m1", "m2"],
            "notebook": ["m1", "m1", "m2"],
            "cell": ["score-rp", "note", "score-q"],
            "max_score": [6.0, 4.0, 10.0],
            "cell_type": ["code", "markdown", "code"],
        }
    )
    subs = pd.DataFrame(
        {
            "assignment": ["m1", "m1", "m2"],
            "student": ["ana", "ben", "ana"],
            "timestamp": [
                T("2025-12-30", tz="UTC"),
                T("2026-01-03", tz="UTC"),
                T("2026-01-20", tz="UTC"),
            ],
            "extension": [pd.NaT, pd.NaT, pd.NaT],
            "duedate": [T("2026-01-01", tz="UTC")] * 2 + [T("2026-02-01", tz="UTC")],
        }
    )
    subs["extension"] = pd.to_datetime(subs["extension"], utc=True)
    grades = pd.DataFrame(
        {
            "assignment": ["m1", "m1", "m1", "m1", "m2"],
            "student": ["ana", "ana", "ben", "ben", "ana"],
            "notebook": ["m1", "m1", "m1", "m1", "m2"],
            "cell": ["score-rp", "note", "score-rp", "note", "score-q"],
            "score": [6.0, 3.0, 2.0, 0.0, 9.0],
            "needs_manual_grade": [False, False, False, True, False],
        }
    )
    gb = GradebookFrames(students, assignments, cells, subs, grades)
    plans = pd.DataFrame(
        {
            "assignment": ["m1", "m2"],
            "module": [1, 2],
            "title": ["M1", "M2"],
            "roleplays": [["rp"], []],
            "answers": [["note"], []],
            "assesses": [["empathy"], []],
        }
    )
    steps = pd.DataFrame(
        [
            ("ana", "m1", "rp", "RP", 1, "open", "Hi", "good", "good", False),
            ("ben", "m1", "rp", "RP", 1, "open", "Hi", "bad", "bad", True),
            ("ben", "m1", "rp", "RP", 2, "next", "So?", "ok", "ok", False),
        ],
        columns=STEP_COLUMNS,
    )
    levels = pd.DataFrame(
        [("ana", "m1", "empathy", 3), ("ben", "m1", "empathy", 1)], columns=LEVEL_COLUMNS
    )
    ratings = pd.DataFrame(
        [(1, "ben", "m1", "empathy", 1, 2, "repaired", "grace", T("2026-01-05", tz="UTC"), "v")],
        columns=RATING_COLUMNS,
    )
    sessions = pd.DataFrame(
        [
            (1, "ana", "grace", "2026-01-02", 90, "individual", [], ""),
            (2, "ana", "omar", "2026-01-09", 30, "group", [], ""),
        ],
        columns=SESSION_COLUMNS,
    )
    return CohortInputs(
        "c",
        gb,
        plans,
        steps,
        levels,
        ratings,
        pd.DataFrame(columns=SIGNOFF_COLUMNS),
        pd.DataFrame(columns=FLAG_COLUMNS),
        sessions,
        datetime(2026, 3, 1, tzinfo=UTC),
    )


def test_completion_in_module_order_with_lateness() -> None:
    comp = frames.completion(inputs()).set_index("assignment")
    assert list(comp.index) == ["m1", "m2"]
    assert comp.loc["m1", ["submitted", "on_time", "late", "missing", "overdue"]].tolist() == [
        2,
        1,
        1,
        1,
        1,
    ]
    assert comp.loc["m1", "completion_pct"] == 66.7 and comp.loc["m1", "pending_manual"] == 1


def test_levels_prefer_a_supervisor_rating() -> None:
    lv = frames.current_levels(inputs()).set_index("student")
    assert lv.loc["ben", "level"] == 2 and lv.loc["ben", "source"] == "confirmed"
    assert lv.loc["ana", "level"] == 3 and lv.loc["ana", "source"] == "computed"
    assert frames.level_matrix(inputs()).loc["ben", "empathy"] == 2


def test_harmful_rates_per_decision_point() -> None:
    r = frames.harmful_rates(inputs())
    top = r.iloc[0]
    assert (top["node"], top["reached"], top["harmful"], top["rate"]) == ("open", 2, 1, 0.5)
    assert top["most_chosen_harmful"] == "bad"


def test_long_and_wide_exports_include_missing_work() -> None:
    long = frames.long_export(inputs())
    assert len(long) == 3 * 3  # every trainee x every item
    cy = long[long["student"] == "cy"]
    assert cy["score"].isna().all() and not cy["submitted"].any()
    assert set(long["kind"]) == {"role-play", "written", "quiz"}
    wide = frames.wide_export(long).set_index("student")
    assert list(wide.columns[2:]) == ["m1/note", "m1/score-rp", "m2/score-q", "total"]
    assert wide.loc["ana", "total"] == 18 and pd.isna(wide.loc["cy", "total"])


def test_supervision_totals() -> None:
    t = frames.supervision_totals(inputs()).set_index("trainee")
    assert t.loc["ana", "hours"] == 2.0 and t.loc["ana", "group_hours"] == 0.5
    assert t.loc["ana", "supervisors"] == "grace, omar"
