"""A program runs the cycle from the CLI: course, roster, release, collect, grade (parallel,
with broken submissions), feedback, status; scores equal serial `nbgrader autograde`, and so
do comments, late penalties and manual grades kept through a second grading."""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import nbformat
import pytest

from paratrain.cli import main
from paratrain.cohort import lifecycle
from paratrain.cohort.course import open_course
from paratrain.course import gradebook
from paratrain.course.create import clone_course, init_course
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.widget import Player
from tests.conftest import MINIREPO
from tests.nbgrader_cli import run_nbgrader

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]
A = "t01-first-contact"

ROSTER = """id,first_name,last_name,email,role
ana,Ana,Silva,ana@example.org,trainee
ben,Ben,Osei,ben@example.org,trainee
cy,Cy,Park,cy@example.org,trainee
dee,Dee,Nasser,dee@example.org,trainee
eve,Eve,Tran,eve@example.org,trainee
fay,Fay,Holm,fay@example.org,trainee
sup,Sam,Lee,sam@example.org,supervisor
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, object]:
    code = main([*args, "--json"])
    out = capsys.readouterr()
    try:
        return code, json.loads(out.out)
    except json.JSONDecodeError:
        raise AssertionError(
            f"paratrain {' '.join(args)} exited {code}:\n{out.err[-3000:]}"
        ) from None


def add_cell(nb_path: Path, source: str) -> None:
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell(source))
    nbformat.write(nb, nb_path)


def test_cohort_cycle_from_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "course"
    code, info = run(
        capsys,
        "course",
        "init",
        "--course",
        str(root),
        "--id",
        "c1",
        "--repo",
        str(MINIREPO),
        "--timeout",
        "5",
    )
    assert code == 0 and info["assignments"] == [A]  # type: ignore[index]
    (tmp_path / "roster.csv").write_text(ROSTER)
    code, people = run(
        capsys, "roster", "import", str(tmp_path / "roster.csv"), "--course", str(root)
    )
    assert code == 0 and len(people) == 7  # type: ignore[arg-type]
    bad = tmp_path / "bad.csv"
    bad.write_text("id,first_name,last_name\nBad Id,x,y\n")
    assert main(["roster", "import", str(bad), "--course", str(root)]) == 2
    assert "row 2, column id" in capsys.readouterr().err
    code, _ = run(capsys, "release", "--course", str(root), "--due", "2099-01-01T00:00:00")
    assert code == 0

    course = open_course(root)
    plans = {
        "ana": ["open", "ask-directly", "involve"],
        "ben": ["advice", "ask-directly", "secret"],
        "cy": ["open"],
        "dee": ["open"],
        "eve": ["open"],
    }
    for sid, choices in plans.items():
        home = tmp_path / "homes" / sid
        work = lifecycle.fetch_as(course, sid, A, home)
        p = Player(
            load_scenario(work / "t01-lin.scenario.yaml"),
            work / "t01-lin.transcript.json",
            trainee=sid,
        )
        for c in choices:
            p.choose(c)
        nb = work / f"{A}.ipynb"
        if sid == "dee":
            add_cell(nb, "while True:\n    pass")  # hangs: must time out
        if sid == "eve":
            add_cell(nb, "import os\nos._exit(1)")  # kills the kernel
        lifecycle.submit_as(course, sid, A, home)
    assert run(capsys, "collect", "--course", str(root))[0] == 0
    (root / "submitted" / "cy" / A / f"{A}.ipynb").write_text("{ not a notebook")
    serial = tmp_path / "serial"
    shutil.copytree(tmp_path, serial, ignore=shutil.ignore_patterns("serial"))

    code, outcomes = run(capsys, "grade", "--course", str(root), "--workers", "3")
    by = {o["student"]: o for o in outcomes}  # type: ignore[union-attr]
    assert set(by) == {"ana", "ben", "cy", "dee", "eve"}
    assert code == 1 and by["ana"]["ok"] and by["ben"]["ok"] and by["dee"]["ok"]
    assert not by["cy"]["ok"] and by["cy"]["problem"]

    scores = {(r["student"], c): v for r in lifecycle.scores(course) for c, v in r["cells"].items()}
    assert scores[("ana", "score-t01-lin")] == 10.0
    assert scores[("ben", "score-t01-lin")] == 6.67
    assert scores[("dee", "score-t01-lin")] == 1.67  # the hanging cell timed out, rest graded
    assert not by["eve"]["ok"] and "kernel" in by["eve"]["problem"]
    assert "corrupt" in by["cy"]["problem"]

    # the same submissions graded by plain serial nbgrader give the same scores
    serial_root = serial / "course"
    cfg = (serial_root / "nbgrader_config.py").read_text().replace(str(root), str(serial_root))
    cfg = cfg.replace(str(tmp_path / "course" / "exchange"), str(serial_root / "exchange"))
    (serial_root / "nbgrader_config.py").write_text(cfg)
    manifest = json.loads((serial_root / "paratrain.json").read_text())
    manifest.update(
        exchange=str(serial_root / "exchange"), db_url=f"sqlite:///{serial_root / 'gradebook.db'}"
    )
    (serial_root / "paratrain.json").write_text(json.dumps(manifest))
    run_nbgrader("autograde", A, cwd=serial_root, env={"PARATRAIN_KEYS": str(serial_root / "keys")})
    serial_scores = {
        (r["student"], c): v
        for r in lifecycle.scores(open_course(serial_root))
        for c, v in r["cells"].items()
    }
    assert serial_scores == scores

    # a supervisor's manual grade survives re-grading
    from nbgrader.api import Gradebook

    with Gradebook(course.db_url, course_id="c1") as gb:
        g = gb.find_grade("t01-note", A, A, "ana")
        g.manual_score = 2.5
        gb.db.commit()
    assert run(capsys, "grade", "--course", str(root), "--student", "ana")[0] == 0
    with Gradebook(course.db_url, course_id="c1") as gb:
        assert gb.find_grade("t01-note", A, A, "ana").manual_score == 2.5

    from paratrain.supervision import list_flags, open_store

    store = open_store(course)
    try:
        kinds = {(v.flag.student, v.flag.kind) for v in list_flags(store, course.course_id)}
    finally:
        store.close()
    assert ("cy", "notebook-corrupt") in kinds  # the broken submission reaches a supervisor
    assert ("ben", "harmful-choice") in kinds

    code, rows = run(capsys, "status", "--course", str(root))
    states = {r["student"]: r["state"] for r in rows}  # type: ignore[union-attr]
    assert states["fay"] == "missing" and states["cy"] == "grading-failed"
    assert states["ana"] in ("graded", "needs-manual")
    assert not any(r["late"] for r in rows)  # type: ignore[union-attr]
    assert run(capsys, "feedback", "--course", str(root))[0] == 0
    assert (root / "feedback" / "ana" / A / f"{A}.html").exists()


def answer_note(nb_path: Path, text: str) -> None:
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "t01-note":
            cell.source = text
    nbformat.write(nb, nb_path)


def nbgrader_autograde(root: Path, *args: str) -> None:
    proc = run_nbgrader("autograde", A, *args, cwd=root)
    assert proc.returncode == 0, proc.stderr[-3000:]


def differences(a: dict[Any, Any], b: dict[Any, Any]) -> list[str]:
    return [
        f"{k}: nbgrader {a.get(k)!r}, paratrain {b.get(k)!r}"
        for k in sorted(set(a) | set(b))
        if a.get(k) != b.get(k)
    ]


def test_grade_equals_serial_nbgrader_on_comments_late_work_and_manual_grades(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """paratrain grade and plain serial `nbgrader autograde` on copies of the same
    submissions leave the same gradebook: every cell's auto and manual score and
    needs-manual-grade flag, every comment ("No response." for an untouched answer), every late
    penalty (nbgrader's "zero" method, with an extension), timestamp and total; and after a
    supervisor's manual grades, both keep them through a second grading."""
    course = init_course(root=tmp_path / "course", course_id="eq", repo=MINIREPO, timeout=10)
    with (course.root / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
        fh.write('c.LateSubmissionPlugin.penalty_method = "zero"\n')
    assert lifecycle.release(course, A).ok
    plans = {
        "ana": (["open", "ask-directly", "involve"], "Mr. Lin said he feels hopeless."),
        "ben": (["advice", "ask-directly", "secret"], None),  # the note left as given
        "cy": (["open", "ask-directly", "involve"], "I asked and told my supervisor."),
        "dee": (["open"], None),
        "eve": (["advice"], "He said he was tired."),
    }
    for sid, (choices, note) in plans.items():
        if sid == "cy":  # cy, dee and eve hand in after the due date
            gradebook.set_due_date(course, A, datetime.now(UTC))
            time.sleep(1.1)
        home = tmp_path / "homes" / sid
        work = lifecycle.fetch_as(course, sid, A, home)
        p = Player(
            load_scenario(work / "t01-lin.scenario.yaml"),
            work / "t01-lin.transcript.json",
            trainee=sid,
        )
        for c in choices:
            p.choose(c)
        if note is not None:
            answer_note(work / f"{A}.ipynb", note)
        lifecycle.submit_as(course, sid, A, home)
    assert lifecycle.collect(course, A).ok
    serial = clone_course(course, tmp_path / "serial")

    assert run(capsys, "grade", "--course", str(course.root), "--workers", "3")[0] == 0
    nbgrader_autograde(serial.root)
    ours, theirs = gradebook.grading_state(course), gradebook.grading_state(serial)
    assert differences(theirs, ours) == []
    note = f"{A}/t01-note"
    assert ours[(A, "ben", f"{note}:comment")] == ("No response.", None)
    assert ours[(A, "ana", f"{note}:comment")] == (None, None)
    late = {
        s for (_a, s, what), v in ours.items() if what.endswith("late penalty") and v is not None
    }
    assert late == {"cy", "dee", "eve"}  # "zero": the penalty is the notebook's score
    assert ours[(A, "cy", f"{A}:late penalty")] == ours[(A, "cy", "submission")][2] > 0

    for copy in (course, serial):  # a supervisor grades two answers; eve gets an extension
        gradebook.write_manual_score(
            copy,
            assignment=A,
            student="ana",
            notebook=A,
            grade_id="t01-note",
            score=2.5,
            comment="Clear, factual.",
        )
        gradebook.write_manual_score(
            copy,
            assignment=A,
            student="cy",
            notebook=A,
            grade_id="t01-note",
            score=1.0,
            comment="Say when.",
        )
        gradebook.grant_extension(copy, A, "eve", timedelta(days=1))
    assert run(capsys, "grade", "--course", str(course.root))[0] == 0
    nbgrader_autograde(serial.root, "--force")
    ours, theirs = gradebook.grading_state(course), gradebook.grading_state(serial)
    assert differences(theirs, ours) == []
    assert ours[(A, "ana", f"{note}:grade")][1] == 2.5  # manual grades kept
    assert ours[(A, "ana", f"{note}:comment")] == (None, "Clear, factual.")
    assert ours[(A, "cy", f"{note}:grade")][1] == 1.0
    assert ours[(A, "eve", f"{A}:late penalty")] is None  # the extension covers it
    cy_total = ours[(A, "cy", "submission")][2]
    assert ours[(A, "cy", f"{A}:late penalty")] == cy_total  # manual points count too
