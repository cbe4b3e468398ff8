from __future__ import annotations

import pytest

from paratrain.errors import ScenarioError
from paratrain.scenarios import engine
from paratrain.scenarios.loader import parse_scenario
from tests.conftest import BASIC_NODES, scenario_yaml


def make(mode: str = "practice"):
    return parse_scenario(scenario_yaml(BASIC_NODES, mode=mode))


def test_advance_follows_the_choice_and_records_the_path() -> None:
    s = make()
    st = engine.advance(s, engine.start(s), "bad")
    assert st.node == "c"
    assert [x.choice for x in st.path] == ["bad"]
    st = engine.advance(s, st, "fix")
    assert st.node == "b" and engine.is_finished(s, st)


def test_unknown_choice_and_moves_after_the_end_are_refused() -> None:
    s = make()
    with pytest.raises(engine.MoveError, match="not offered"):
        engine.advance(s, engine.start(s), "nope")
    done = engine.replay(s, ["good"])
    with pytest.raises(engine.MoveError, match="already ended"):
        engine.advance(s, done, "good")


def test_step_back_keeps_the_undone_choice_in_tried() -> None:
    s = make()
    st = engine.advance(s, engine.start(s), "bad")
    back = engine.step_back(s, st)
    assert back.node == "a" and back.path == ()
    assert [t.choice for t in back.tried] == ["bad"]


def test_assessment_mode_forbids_back_and_restart() -> None:
    s = make("assessment")
    st = engine.advance(s, engine.start(s), "bad")
    with pytest.raises(engine.MoveError):
        engine.step_back(s, st)
    with pytest.raises(engine.MoveError):
        engine.restart(s, st)


def test_nothing_to_step_back_from() -> None:
    s = make()
    with pytest.raises(ScenarioError, match="no earlier choice"):
        engine.step_back(s, engine.start(s))


def test_flags_gate_conditional_choices_and_are_recomputed_on_back() -> None:
    nodes = """  - id: a
    client: "1"
    choices:
      - {id: ask, text: "Ask", next: m, feedback: f, sets: [asked]}
      - {id: skip, text: "Skip", next: m, feedback: f}
  - id: m
    client: "2"
    choices:
      - {id: follow, text: "Follow up", next: z, feedback: f, if: asked}
      - {id: first, text: "Ask now", next: z, feedback: f, if: "not asked"}
  - id: z
    client: "3"
    end: mixed
    debrief: d
"""
    s = parse_scenario(scenario_yaml(nodes))
    st = engine.advance(s, engine.start(s), "ask")
    assert [c.id for c in engine.available_choices(s, st)] == ["follow"]
    back = engine.step_back(s, st)
    st2 = engine.advance(s, back, "skip")
    assert [c.id for c in engine.available_choices(s, st2)] == ["first"]
    with pytest.raises(engine.MoveError):
        engine.advance(s, st2, "follow")


def test_restart_goes_to_start_and_keeps_history() -> None:
    s = make()
    st = engine.replay(s, ["bad", "fix"])
    again = engine.restart(s, st)
    assert again.node == "a" and again.path == () and len(again.tried) == 2
