"""Scenario schema 2: variables, conditions, routes, variants, replies, per-trainee order;
transcript schema 2: trainee, shown order, event chain, and schema 1 still read."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from paratrain.errors import MoveError, ScenarioError, TranscriptError
from paratrain.scenarios import conditions, engine, render
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.lint import lint_path, lint_scenario_model
from paratrain.scenarios.loader import load_scenario, parse_scenario
from paratrain.scenarios.session import PlaySession
from tests.conftest import BASIC_NODES, scenario_yaml

HEAD = """schema_version: 2
id: v
title: V2
mode: {mode}
persona: {{fictional: true, name: Ana Test, age: 40, pronouns: she/her,
  background: b, situation: s, reason: r}}
variables:
  trust: {{type: int, initial: 1, min: 0, max: 2}}
  asked: {{type: bool}}
  mood: {{type: enum, values: [guarded, open]}}
start: a
nodes:
"""

NODES = """  - id: a
    client: "Hello."
    choices:
      - {id: warm, text: "Warm", next: b, feedback: f, add: {trust: 1}, set: {mood: open},
         evidence: {empathy: basic}}
      - {id: cold, text: "Cold", next: b, feedback: f, add: {trust: -5},
         evidence: {empathy: harmful}}
  - id: b
    client: "I don't know."
    variants:
      - {if: "trust == 0", client: "Forget it."}
      - {if: "mood == 'open'", client: "Okay, I'll tell you."}
    choices:
      - {id: ask, text: "Ask", next: r, feedback: f, set: {asked: true},
         evidence: {suicide-inquiry: basic}}
      - {id: skip, text: "Skip", next: r, feedback: f, evidence: {suicide-inquiry: harmful}}
      - {id: again, text: "Again", next: r, feedback: f, if: "trust >= 2 and not asked"}
  - id: r
    client: "So?"
    reply:
      prompt: "What do you say now?"
      points: 2
      rubric:
        - {id: one, criterion: "Names her feeling", points: 1, note: "secret note"}
        - {id: two, criterion: "Says what happens next", points: 1}
      feedback: "A strong reply names the feeling."
    next:
      - {if: "asked and trust >= 1", to: good}
      - {to: poor}
  - id: good
    client: "Thanks."
    end: good
    debrief: "Good."
  - id: poor
    client: "Bye."
    end: poor
    debrief: "Poor."
"""


def v2(mode: str = "practice", nodes: str = NODES) -> str:
    return HEAD.format(mode=mode) + nodes


def test_conditions_parse_check_and_evaluate() -> None:
    decl = {
        "trust": conditions.VarInfo("int"),
        "asked": conditions.VarInfo("bool"),
        "mood": conditions.VarInfo("enum", ("guarded", "open")),
    }
    conditions.check("trust >= 2 and (not asked or mood == 'open')", decl)
    assert conditions.holds(
        "trust >= 2 and (not asked or mood == 'open')", {"trust": 2, "asked": True, "mood": "open"}
    )
    assert not conditions.holds("not (asked or trust > 5)", {"trust": 0, "asked": True})
    bad = {
        "trust == true": "cannot compare int with bool",
        "not trust": "'not' needs a yes/no",
        "mood == 'happy'": "not a value of 'mood'",
        "ghost": "not a declared variable",
        "trust": "must be yes or no",
        "trust >= ": "ends here",
        "trust ! 2": "unexpected character",
    }
    for text, msg in bad.items():
        with pytest.raises(conditions.ConditionError, match=re.escape(msg)):
            conditions.check(text, decl)
    with pytest.raises(conditions.ConditionError) as info:
        conditions.parse("asked and and trust")
    assert info.value.column == 10


def test_loader_locates_variable_errors(tmp_path: Path) -> None:
    p = tmp_path / "v.scenario.yaml"
    p.write_text(v2(nodes=NODES.replace('if: "trust >= 2 and not asked"', 'if: "ghost"')))
    with pytest.raises(ScenarioError) as info:
        load_scenario(p)
    want = next(i for i, ln in enumerate(p.read_text().splitlines(), 1) if '"ghost"' in ln)
    assert info.value.line == want and info.value.node_id == "b"
    assert info.value.choice_id == "again"
    assert "'ghost' is not a declared variable" in str(info.value)
    p.write_text(v2(nodes=NODES.replace("set: {asked: true}", "set: {asked: 3}")))
    with pytest.raises(ScenarioError, match="3 is not a value of the bool variable 'asked'"):
        load_scenario(p)
    p.write_text(v2(nodes=NODES.replace("      - {to: poor}\n", "")))
    with pytest.raises(ScenarioError, match="the last route in 'next' must have no 'if'"):
        load_scenario(p)


def test_engine_follows_variables_routes_variants_and_replies() -> None:
    s = parse_scenario(v2())
    st = engine.advance(s, engine.start(s), "cold")
    assert st.env["trust"] == 0  # clamped at min
    assert engine.line(s, s.node("b"), st.env)[1] == "Forget it."
    assert [c.id for c in engine.available_choices(s, st)] == ["ask", "skip"]
    st = engine.advance(s, st, "ask")
    with pytest.raises(MoveError, match="asks for a reply"):
        engine.advance(s, st, "ask")
    with pytest.raises(MoveError, match="write your reply"):
        engine.reply(s, st, "   ")
    st = engine.reply(s, st, "You sound frightened.")
    assert st.node == "poor"  # trust 0: the route to 'good' does not hold
    warm = engine.replay(s, ["warm", "ask", "I hear you."])
    assert warm.node == "good" and warm.env == {"trust": 2, "asked": True, "mood": "open"}
    assert (
        engine.line(s, s.node("b"), {"trust": 2, "asked": False, "mood": "open"})[1]
        == "Okay, I'll tell you."
    )
    back = engine.step_back(s, warm)
    assert back.node == "r" and back.env["asked"] is True and len(back.tried) == 3


def test_display_order_is_per_trainee_stable_and_pinnable() -> None:
    nodes = "\n".join(
        f"""  - id: n{i}
    client: "{i}"
    choices:
      - {{id: a, text: A, next: {"n" + str(i + 1) if i < 9 else "end"}, feedback: f}}
      - {{id: b, text: B, next: {"n" + str(i + 1) if i < 9 else "end"}, feedback: f}}
      - {{id: c, text: C, next: {"n" + str(i + 1) if i < 9 else "end"}, feedback: f}}
      - {{id: d, text: D, next: {"n" + str(i + 1) if i < 9 else "end"}, feedback: f}}"""
        for i in range(10)
    )
    s = parse_scenario(
        scenario_yaml(
            nodes.replace("id: n0", "id: a", 1).replace("next: n0", "next: a")
            + '\n  - {id: end, client: "x", end: good}\n'
        )
    )

    def orders(who: str | None) -> list[tuple[str, ...]]:
        st, out = engine.start(s), []
        while not engine.is_finished(s, st):
            shown = engine.display_order(s, st, who)
            out.append(tuple(c.id for c in shown))
            st = engine.advance(s, st, shown[0].id)
        return out

    amara, ben = orders("amara"), orders("ben")
    assert amara == orders("amara") and amara != ben
    assert orders(None) == [("a", "b", "c", "d")] * 10
    assert len({o[0] for o in amara}) > 1  # the first button is not always the same choice
    pinned = parse_scenario(
        scenario_yaml(
            BASIC_NODES.replace('    client: "Hello."', '    client: "Hello."\n    order: fixed')
        )
    )
    assert [c.id for c in engine.display_order(pinned, engine.start(pinned), "amara")] == [
        "good",
        "bad",
        "adv",
    ]
    assert any(i.severity == "note" and "pinned" in i.message for i in lint_scenario_model(pinned))


def test_session_saves_shown_order_reply_and_chain(tmp_path: Path) -> None:
    s = parse_scenario(v2("assessment"))
    path = tmp_path / "v.transcript.json"
    ses = PlaySession(s, path, trainee="amara")
    shown = [c.id for c in ses.offered()]
    ses.choose("warm")
    ses.choose("ask")
    assert ses.offered() == () and ses.node.is_reply
    ses.reply("It sounds like you're scared.")
    doc = json.loads(path.read_text())
    assert doc["schema_version"] == 2 and doc["trainee"] == "amara"
    assert doc["events"][0]["shown"] == shown
    assert doc["events"][2] | {"at": "", "chain": ""} == {
        "seq": 3,
        "at": "",
        "action": "reply",
        "node": "r",
        "text": "It sounds like you're scared.",
        "chain": "",
    }
    state = tx.replay(s, tx.load(path), path, trainee="amara")
    assert state.node == "good"
    # a reload resumes exactly, for the same trainee
    again = PlaySession(s, path, trainee="amara")
    assert again.state == ses.state and again.finished
    # another trainee's grading: foreign; an edited event: tampered; a changed order: tampered
    with pytest.raises(TranscriptError) as info:
        tx.replay(s, tx.load(path), path, trainee="ben")
    assert info.value.kind == "foreign" and "'amara'" in str(info.value)
    edited = json.loads(path.read_text())
    edited["events"][2]["text"] = "Something better written later."
    path.write_text(json.dumps(edited))
    with pytest.raises(TranscriptError, match="edited after it was written") as info:
        tx.replay(s, tx.load(path), path, trainee="amara")
    assert info.value.kind == "tampered"
    t = tx.Transcript.new(s, "amara").with_event(
        "choose", "a", "warm", shown=tuple(reversed(shown))
    )
    with pytest.raises(TranscriptError, match="not the ones this trainee was shown"):
        tx.replay(s, t, trainee="amara")


def test_schema_1_transcripts_still_replay(tmp_path: Path) -> None:
    s = parse_scenario(scenario_yaml(BASIC_NODES, mode="assessment"))
    doc = {
        "schema_version": 1,
        "kind": "paratrain-transcript",
        "scenario": {"id": "s", "version": 1, "structure": s.structure_hash},
        "mode": "assessment",
        "created_at": "t",
        "updated_at": "t",
        "events": [{"seq": 1, "at": "t", "action": "choose", "node": "a", "choice": "adv"}],
    }
    path = tmp_path / "s.transcript.json"
    path.write_text(json.dumps(doc))
    t = tx.load(path)
    assert t.schema_version == 1 and t.trainee is None
    assert tx.replay(s, t, path, trainee="amara").node == "b"
    assert json.loads(t.with_event("choose", "b", "x").to_json())["schema_version"] == 2


def test_schema_1_flags_become_bool_variables_with_the_same_structure_hash() -> None:
    v1 = scenario_yaml(
        BASIC_NODES.replace('next: b, feedback: "ok"', 'next: b, feedback: "ok", sets: [kind]')
    )
    s = parse_scenario(v1)
    assert s.variables["kind"].type.value == "bool"
    assert engine.advance(s, engine.start(s), "good").flags == {"kind"}
    plain = parse_scenario(scenario_yaml(BASIC_NODES))
    assert (
        s.structure_hash
        == plain.structure_hash
        == "sha256:"
        + __import__("hashlib")
        .sha256(
            json.dumps(
                [
                    "s",
                    "a",
                    [
                        ["a", None, [["good", "b"], ["bad", "c"], ["adv", "b"]]],
                        ["b", "good", []],
                        ["c", None, [["fix", "b"]]],
                    ],
                ],
                separators=(",", ":"),
            ).encode()
        )
        .hexdigest()[:32]
    )


def test_lint_reports_variables_and_unsatisfiable_conditions() -> None:
    s = parse_scenario(v2())
    assert not [i for i in lint_scenario_model(s) if i.severity == "error"]
    unused = parse_scenario(
        v2(
            nodes=NODES.replace(", set: {mood: open}", "").replace(
                """      - {if: "mood == 'open'", client: "Okay, I'll tell you."}\n""", ""
            )
        )
    )
    msgs = [i.message for i in lint_scenario_model(unused)]
    assert any("'mood' is declared but never used" in m for m in msgs)
    never = parse_scenario(
        v2(nodes=NODES.replace('if: "trust >= 2 and not asked"', 'if: "trust >= 2 and asked"'))
    )
    found = [(i.severity, i.node_id, i.choice_id, i.message) for i in lint_scenario_model(never)]
    assert (
        "error",
        "b",
        "again",
        "the condition 'trust >= 2 and asked' never holds here, so this choice is never offered",
    ) in found
    hidden = parse_scenario(
        v2(
            nodes=NODES.replace(
                '{if: "trust == 0", client: "Forget it."}',
                '{if: "trust == 0 and asked", client: "x"}',
            )
        )
    )
    assert any(
        "variant 1" in i.message and "never shown" in i.message for i in lint_scenario_model(hidden)
    )


def test_replies_render_and_practice_feedback(tmp_path: Path) -> None:
    s = parse_scenario(v2())
    st = engine.replay(s, ["warm", "ask", "You sound <scared>."])
    html = render.conversation(s, st, with_feedback=True)
    assert "You (in your own words)" in html and "&lt;scared&gt;" in html
    assert "A strong reply names the feeling." in html
    graded = parse_scenario(v2("assessment"))
    html = render.conversation(
        graded, engine.replay(graded, ["warm", "ask", "x"]), with_feedback=True
    )
    assert "graded by your supervisor (2 points)" in html and "Names her feeling" in html
    assert "secret note" not in html


def test_lint_places_graph_errors_on_their_lines(tmp_path: Path) -> None:
    p = tmp_path / "s.scenario.yaml"
    p.write_text(scenario_yaml(BASIC_NODES.replace("next: c", "next: zz")))
    r = lint_path(p)
    err = next(i for i in r.errors if "zz" in i.message)
    assert (
        err.line
        == p.read_text()
        .splitlines()
        .index(
            '      - {id: bad, text: "Bad", next: zz, feedback: "harm", evidence: {empathy: '
            "harmful}}"
        )
        + 1
    )


def test_alias_bomb_is_refused_quickly_with_its_line(tmp_path: Path) -> None:
    lines = ["schema_version: 2", "id: bomb", 'a: &a ["lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghijk"):
        prev = "abcdefghijk"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    p = tmp_path / "bomb.scenario.yaml"
    p.write_text("\n".join(lines) + "\n")
    t0 = time.perf_counter()
    with pytest.raises(ScenarioError, match="anchors and aliases") as info:
        load_scenario(p)
    assert time.perf_counter() - t0 < 5  # a guard against a hang, not a benchmark
    assert info.value.line == 3
    report = lint_path(p)
    assert report.errors and report.errors[0].line == 3


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "s.scenario.yaml"
    text = scenario_yaml(BASIC_NODES).replace('client: "Thanks."', 'client: "Gracias SEÑOR"')
    p.write_bytes(text.encode("utf-8").replace("Ñ".encode(), b"\xd1"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(p)
    assert info.value.line == text.splitlines().index('    client: "Gracias SEÑOR"') + 1
    assert "not UTF-8" in str(info.value) and "0xd1" in str(info.value)
