from __future__ import annotations

import json
from pathlib import Path

import pytest

from paratrain.errors import TranscriptError
from paratrain.notebook import play, quiz
from paratrain.scenarios import engine
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.loader import parse_quiz, parse_scenario
from paratrain.scenarios.quiz_widget import QuizView
from paratrain.scenarios.widget import Player
from tests.conftest import BASIC_NODES, scenario_yaml

QUIZ = """schema_version: 1
id: q
title: Check
mode: practice
questions:
  - id: one
    prompt: "Pick A"
    options: [{id: a, text: A, correct: true}, {id: b, text: B}]
    explanation: "A is right."
  - id: many
    prompt: "Pick A and C"
    select: many
    options: [{id: a, text: A, correct: true}, {id: b, text: B}, {id: c, text: C, correct: true}]
    explanation: "A and C."
"""


@pytest.fixture()
def scenario():  # type: ignore[no-untyped-def]
    return parse_scenario(scenario_yaml(BASIC_NODES))


def test_clicks_are_saved_at_once_and_resume(tmp_path: Path, scenario) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.transcript.json"
    p = Player(scenario, path)
    assert [b.description for b in p.buttons if b.layout.display != "none"] == [
        "Good",
        "Bad",
        "Adv",
    ]
    p.buttons[1].click()
    saved = tx.load(path)
    assert [(e.action, e.node, e.choice) for e in saved.events] == [("choose", "a", "bad")]
    assert "Potentially harmful" in p.feedback.value and "harm" in p.feedback.value
    # a new player (kernel restart / Run All) resumes exactly there
    p2 = Player(scenario, path)
    assert p2.state.node == "c" and "Hm." in p2.conv.value
    p2.back_button.click()
    p2.buttons[0].click()
    assert p2.state.node == "b" and "After-action summary" in p2.summary.value
    assert "Responses you tried and stepped back from" in p2.summary.value
    assert [e.action for e in tx.load(path).events] == ["choose", "back", "choose"]
    assert p.errors == [] and p2.errors == []


def test_assessment_mode_shows_no_feedback_and_no_back(tmp_path: Path) -> None:
    s = parse_scenario(scenario_yaml(BASIC_NODES, mode="assessment"))
    p = Player(s, tmp_path / "s.transcript.json")
    p.buttons[1].click()
    assert p.feedback.value == "" and p.back_button.layout.display == "none"
    p.buttons[0].click()
    assert "Role-play complete" in p.summary.value and "level" not in p.summary.value.lower()


def test_unreadable_transcript_is_kept_aside_and_the_trainee_told(tmp_path: Path, scenario) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.transcript.json"
    path.write_text("{not json")
    p = Player(scenario, path)
    kept = list(tmp_path.glob("s.transcript.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"
    assert "could not be read" in p.status.value and kept[0].name in p.status.value
    p.buttons[0].click()
    assert tx.load(path).events[0].choice == "good"
    # a second bad file never overwrites the first one kept aside
    path.write_text("[]")
    Player(scenario, path)
    assert len(list(tmp_path.glob("s.transcript.json.unreadable-*"))) == 2


def test_tampered_transcripts_are_detected(tmp_path: Path, scenario) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.transcript.json"
    Player(scenario, path).buttons[0].click()
    doc = json.loads(path.read_text())
    doc["events"][0]["choice"] = "invented"
    path.write_text(json.dumps(doc))
    with pytest.raises(TranscriptError) as info:
        tx.replay(scenario, tx.load(path), path)
    assert info.value.kind == "tampered"
    doc["events"][0]["choice"] = "good"
    doc["events"].append({"seq": 2, "at": "x", "action": "choose", "node": "a", "choice": "good"})
    path.write_text(json.dumps(doc))
    with pytest.raises(TranscriptError, match="impossible order"):
        tx.replay(scenario, tx.load(path), path)


def test_back_in_an_assessment_transcript_is_tampering(tmp_path: Path) -> None:
    s = parse_scenario(scenario_yaml(BASIC_NODES, mode="assessment"))
    t = tx.Transcript.new(s).with_event("choose", "a", "bad").with_event("back", "c")
    with pytest.raises(TranscriptError) as info:
        tx.replay(s, t)
    assert info.value.kind == "tampered"


@pytest.mark.widget_errors_expected
def test_failed_save_changes_nothing_and_says_so(tmp_path: Path, scenario, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import paratrain.scenarios.widget as widget_mod

    p = Player(scenario, tmp_path / "s.transcript.json")

    def boom(*_a: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(widget_mod.tx, "save", boom)
    p.errors.clear()
    p.choose("good")
    assert p.state == engine.start(scenario)
    assert p.errors and "could not be saved" in p.errors[0]
    p.errors.clear()  # expected error: not a test failure


@pytest.mark.widget_errors_expected
def test_callback_errors_reach_the_strict_fixture(tmp_path: Path, scenario) -> None:  # type: ignore[no-untyped-def]
    """An exception inside a click handler is shown and logged, so tests catch it."""
    import logging

    p = Player(scenario, tmp_path / "s.transcript.json")
    records: list[logging.LogRecord] = []
    h = logging.Handler()
    h.emit = records.append  # type: ignore[method-assign]
    logging.getLogger("paratrain.widget").addHandler(h)
    try:
        p._on_choice = lambda i: (_ for _ in ()).throw(RuntimeError("bug"))  # type: ignore[method-assign]
        p.buttons[0]._click_handlers.callbacks.clear()
        p.buttons[0].on_click(p._guard(lambda: p._on_choice(0)))
        p.buttons[0].click()
    finally:
        logging.getLogger("paratrain.widget").removeHandler(h)
        logging.getLogger("paratrain.widget").handlers.clear()
    assert any("bug" in (r.exc_text or "") or r.exc_info for r in records)
    assert "Something went wrong" in p.status.value


def test_play_and_quiz_from_a_notebook_folder(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "s.scenario.yaml").write_text(scenario_yaml(BASIC_NODES))
    (tmp_path / "q.quiz.yaml").write_text(QUIZ)
    handle = play("s", folder=tmp_path)
    handle.view.buttons[2].click()  # type: ignore[union-attr]
    assert (tmp_path / "s.transcript.json").exists()
    qh = quiz("q", folder=tmp_path)
    view: QuizView = qh.view  # type: ignore[union-attr]
    view.select("one", ("b",))
    assert "Not quite" in view.feedback["one"].value
    view.select("many", ("a", "c"))
    assert "Correct" in view.feedback["many"].value
    again = QuizView(parse_quiz(QUIZ), tmp_path / "q.answers.json")
    assert again.inputs["one"][0].value == "b"
    assert [b.value for b in again.inputs["many"]] == [True, False, True]
    missing = play("nope", folder=tmp_path)
    assert "cannot start" in missing._repr_html_()  # type: ignore[union-attr]


def test_player_never_writes_under_nbgrader(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "s.scenario.yaml").write_text(scenario_yaml(BASIC_NODES))
    (tmp_path / "s.transcript.json").write_text("garbage")
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    shown = play("s", folder=tmp_path)
    assert "graded cell below" in shown._repr_html_()  # type: ignore[union-attr]
    assert (tmp_path / "s.transcript.json").read_text() == "garbage"
    assert not list(tmp_path.glob("*.unreadable-*"))
