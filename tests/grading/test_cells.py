"""The autograder helpers: always a number when grading, never stderr, never a leaked score."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from paratrain.grading.cells import quiz_points, roleplay_points, score_roleplay
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.files import public_scenario_data
from paratrain.scenarios.loader import dump_yaml, load_scenario
from paratrain.scenarios.widget import Player
from tests.conftest import MINIREPO

SRC = MINIREPO / "assignments" / "source" / "t01-first-contact"


@pytest.fixture()
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A course-like tree: public copy in autograded/<student>/<a>, key in keys/<a>; the
    grader's configuration names the course (as its nbgrader_config.py does)."""
    root = tmp_path / "course"
    monkeypatch.setenv("PARATRAIN_COURSE_ROOT", str(root))
    work = root / "autograded" / "sam" / "t01-first-contact"
    work.mkdir(parents=True)
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    keys = root / "keys" / "t01-first-contact"
    keys.mkdir(parents=True)
    for name in ("t01-lin.scenario.yaml", "t01-check.quiz.yaml"):
        shutil.copy(SRC / name, keys / name)
    full = load_scenario(SRC / "t01-lin.scenario.yaml")
    (work / "t01-lin.scenario.yaml").write_text(dump_yaml(public_scenario_data(full)))
    return work


def play(work: Path, choices: list[str]) -> None:
    public = load_scenario(work / "t01-lin.scenario.yaml")
    p = Player(public, work / "t01-lin.transcript.json")
    for c in choices:
        p.choose(c)


def test_scores_exact_points_from_the_key(course: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(course)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    play(course, ["open", "ask-directly", "involve"])  # 1 + 4 + 1 = 6 of 6
    assert roleplay_points("t01-lin", points=10) == 10.0
    play_path = course / "t01-lin.transcript.json"
    play_path.unlink()
    play(course, ["advice", "ask-directly", "secret"])  # 0 + 4 + 0 = 4 of 6
    assert roleplay_points("t01-lin", points=10) == 6.67
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "damage,kind",
    [
        (None, "missing"),
        ("{broken", "corrupt"),
        ("tamper", "tampered"),
        ("other", "mismatch"),
    ],
)
def test_bad_transcripts_score_zero_with_an_explanation(
    course: Path,
    monkeypatch,
    damage,  # type: ignore[no-untyped-def]
    kind,
) -> None:
    monkeypatch.chdir(course)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    path = course / "t01-lin.transcript.json"
    if damage == "{broken":
        path.write_text(damage)
    elif damage in ("tamper", "other"):
        play(course, ["open"])
        doc = json.loads(path.read_text())
        if damage == "tamper":
            doc["events"][0]["choice"] = "made-up"
        else:
            doc["scenario"]["id"] = "someone-else"
        path.write_text(json.dumps(doc))
    result, html = score_roleplay("t01-lin", 10, course)
    assert result.points == 0.0 and result.problem == kind
    assert "scores 0" in html
    assert roleplay_points("t01-lin", points=10) == 0.0


def test_trainee_before_submitting_sees_no_score(course: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(course)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    shown: list[str] = []
    monkeypatch.setattr("paratrain.grading.cells._display_html", shown.append)
    shutil.rmtree(course.parents[2] / "keys")
    play(course, ["open"])
    assert roleplay_points("t01-lin", points=10) is None
    assert quiz_points("t01-check", points=4) is None
    assert capsys.readouterr().err == ""
    assert "scored after you submit" in shown[0] and "scored after you submit" in shown[1]
    assert not any("points" in h for h in shown)


def test_missing_key_under_nbgrader_is_zero_not_full_credit(course: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(course)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    shutil.rmtree(course.parents[2] / "keys")
    play(course, ["open", "ask-directly", "involve"])
    assert roleplay_points("t01-lin", points=10) == 0.0


def test_unfinished_role_play_scores_what_was_done(course: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(course)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    play(course, ["open", "ask-directly"])
    result, html = score_roleplay("t01-lin", 10, course)
    assert not result.finished and result.points == round(10 * 5 / 6, 2)
    assert "not finished" in html


def test_quiz_points(course: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from paratrain.scenarios.answers import Answers, answers_path, save
    from paratrain.scenarios.loader import load_quiz

    monkeypatch.chdir(course)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    q = load_quiz(SRC / "t01-check.quiz.yaml")
    a = Answers.new(q).with_answer("q1", ("a",)).with_answer("q2", ("a", "c"))
    save(answers_path(course, "t01-check"), a)
    assert quiz_points("t01-check", points=4) == 2.0
    a = a.with_answer("q2", ("a", "b"))
    save(answers_path(course, "t01-check"), a)
    assert quiz_points("t01-check", points=4) == 4.0
    answers_path(course, "t01-check").write_text('{"kind": "nope"}')
    assert quiz_points("t01-check", points=4) == 0.0
    a = Answers.new(q).with_answer("q1", ("zz",))
    save(answers_path(course, "t01-check"), a)
    assert quiz_points("t01-check", points=4) == 0.0


def test_reference_transcript_in_the_source_scores_full(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(SRC)
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    s = load_scenario(SRC / "t01-lin.scenario.yaml")
    t = tx.load(SRC / "t01-lin.transcript.json")
    assert tx.replay(s, t).node == "end-linked"
    assert roleplay_points("t01-lin", points=10) == 10.0
