"""The supervision commands through paratrain's own parser, and the review screen driven by
clicks (the strict fixture in tests/conftest.py fails on swallowed callback errors)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paratrain.cli import build_parser
from paratrain.cohort.course import Course
from paratrain.supervision.review_widget import ReviewApp
from tests.supervision.course_builder import A

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from paratrain.errors import ParatrainError

    args = build_parser().parse_args(argv)
    try:
        code = int(args.func(args))
    except ParatrainError as exc:  # what paratrain.cli.main does
        print(f"paratrain: error: {exc}")
        code = 2
    return code, capsys.readouterr().out


def test_cli_flags_review_calibrate_log_report(
    course: Course, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = str(course.root)
    code, out = run(["flags", "raise", c, "--json"], capsys)
    assert code == 1 and json.loads(out)["open_safety"] == 3
    code, out = run(["flags", "list", c, "--json", "--student", "cy"], capsys)
    (flag,) = json.loads(out)
    assert flag["kind"] == "transcript-missing"
    with pytest.raises(SystemExit):  # --note is required
        run(["flags", "resolve", c, str(flag["id"]), "--by", "grace"], capsys)
    code, out = run(["flags", "resolve", c, str(flag["id"]), "--note", "resubmitted"], capsys)
    assert code == 2 and "--by" in out  # who is acting must be said
    code, out = run(
        ["flags", "resolve", c, str(flag["id"]), "--by", "grace", "--note", "asked Cy to resubmit"],
        capsys,
    )
    assert code == 0 and "resolved" in out

    code, out = run(["review", "rubrics", c, "--by", "grace"], capsys)
    assert code == 0 and "t01-note" in out
    code, out = run(
        [
            "review",
            "score",
            c,
            "--student",
            "ana",
            "--assignment",
            A,
            "--answer",
            "t01-note",
            "--mark",
            "facts=met",
            "--mark",
            "no-diagnosis=met",
            "--by",
            "grace",
            "--json",
        ],
        capsys,
    )
    assert code == 0 and json.loads(out)["total"] == 3
    code, out = run(
        [
            "review",
            "rate",
            c,
            "--student",
            "ana",
            "--assignment",
            A,
            "--competency",
            "active-listening",
            "--level",
            "4",
            "--by",
            "grace",
        ],
        capsys,
    )
    assert code == 2 and "needs a comment" in out
    for who, level in (("grace", 3), ("omar", 3)):
        code, _ = run(
            [
                "review",
                "rate",
                c,
                "--student",
                "ana",
                "--assignment",
                A,
                "--competency",
                "active-listening",
                "--level",
                str(level),
                "--by",
                who,
            ],
            capsys,
        )
        assert code == 0
    code, out = run(
        ["review", "signoff", c, "--student", "ben", "--assignment", A, "--by", "grace", "--json"],
        capsys,
    )
    assert code == 1 and json.loads(out)["unmet"]
    code, out = run(
        ["review", "status", c, "--student", "ana", "--assignment", A, "--json"], capsys
    )
    assert json.loads(out)["computed"]["active-listening"] == 3

    code, out = run(
        [
            "review",
            "queue",
            c,
            "add",
            "--student",
            "ben",
            "--assignment",
            A,
            "--by",
            "lead",
            "--to",
            "grace",
            "--json",
        ],
        capsys,
    )
    item = json.loads(out)["item"]
    code, out = run(
        [
            "review",
            "queue",
            c,
            "escalate",
            str(item),
            "--to",
            "lead",
            "--note",
            "needs a lead",
            "--by",
            "grace",
        ],
        capsys,
    )
    assert code == 0 and "escalated" in out
    code, out = run(["review", "queue", c, "list", "--to", "lead"], capsys)
    assert "1 item(s)" in out

    code, out = run(["calibrate", c, "--json"], capsys)
    assert code == 0 and json.loads(out)["agreement"][0]["competency"] == "active-listening"

    code, out = run(
        [
            "supervision-log",
            c,
            "add",
            "--trainee",
            "ana",
            "--trainee",
            "ben",
            "--supervisor",
            "grace",
            "--date",
            "2026-02-02",
            "--minutes",
            "60",
            "--format",
            "group",
            "--topic",
            "boundaries",
            "--by",
            "grace",
        ],
        capsys,
    )
    assert code == 0
    code, out = run(["supervision-log", c, "list", "--json"], capsys)
    assert json.loads(out)["hours"] == {"ana": 1.0, "ben": 1.0}

    code, out = run(["report", c, "--out", str(tmp_path / "rep"), "--records", "--json"], capsys)
    files = json.loads(out)
    assert code == 0 and Path(files["html"]).is_file() and len(files["records"]) == 5
    assert set(files["csv"]) == {"long", "wide", "levels"}


def test_review_screen_by_clicks(course: Course) -> None:
    from paratrain.supervision.flags import raise_flags

    raise_flags(course)
    app = ReviewApp([course.root], reviewer="")
    assert app.trainee_pick.options[0][1] == "ben"  # open safety flags first
    app.trainee_pick.value = "ben"
    app.assignment_pick.value = A
    assert "Potentially harmful" in app.roleplays.value
    assert "Any diagnostic label loses this point." in str(
        [c.value for c in app.answers.children if hasattr(c, "value")]
    )
    pick, comment, save = app.level_widgets["active-listening"]
    save.click()
    assert "Your name" in app.message.value  # the reviewer must say who they are
    app.reviewer.value = "grace"
    pick.value = 2
    save.click()
    assert "needs a comment" in app.message.value
    comment.value = "one slip, repaired well"
    save.click()
    assert "level 2 saved" in app.message.value
    assert "one slip, repaired well" in app.history.value
    toggles, note, score = app.answer_widgets["t01-note"]
    toggles["facts"].value = 0.5
    score.click()
    assert "no mark for criteria: no-diagnosis" in app.message.value
    toggles["no-diagnosis"].value = 0.0
    note.value = "No labels, please."
    score.click()
    assert "1 of 3 points saved" in app.message.value
    app.signoff_button.click()
    assert "Not signed off yet" in app.message.value
    first = app.flag_pick.options[0][1]
    app.flag_note.value = "discussed in supervision on 3 March"
    app.resolve_button.click()
    assert f"Flag #{first} resolved" in app.message.value
    assert first not in [v for _l, v in app.flag_pick.options]
    app.close()
