from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paratrain.errors import ScenarioError
from paratrain.scenarios.loader import load_quiz, load_scenario, parse_quiz, parse_scenario
from tests.conftest import BASIC_NODES, scenario_yaml


def write(tmp_path: Path, text: str, name: str = "s.scenario.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_valid_file_loads(tmp_path: Path) -> None:
    s = load_scenario(write(tmp_path, scenario_yaml(BASIC_NODES)))
    assert s.id == "s" and s.node("a").choice_by_id["good"].next == "b"


def test_error_names_file_line_node_and_choice(tmp_path: Path) -> None:
    text = scenario_yaml(BASIC_NODES.replace("next: c,", "nxt: c,"))
    p = write(tmp_path, text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(p)
    err = info.value
    assert err.path == str(p)
    assert err.node_id == "a" and err.choice_id == "bad"
    assert (
        err.line
        == text.splitlines().index(next(ln for ln in text.splitlines() if "nxt: c" in ln)) + 1
    )
    assert "'nxt' is not a field" in str(err) or "'next' is missing" in str(err)


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    p = write(tmp_path, "schema_version: 1\nid: [unclosed\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(p)
    assert info.value.line is not None and "not valid YAML" in str(info.value)


def test_duplicate_keys_are_errors_not_silently_dropped(tmp_path: Path) -> None:
    text = scenario_yaml(BASIC_NODES).replace("title: Test\n", "title: Test\ntitle: Again\n")
    with pytest.raises(ScenarioError, match="'title' is given twice"):
        load_scenario(write(tmp_path, text))


def test_yes_no_on_off_stay_text() -> None:
    s = parse_scenario(scenario_yaml(BASIC_NODES.replace('"Hm."', "no")))
    assert s.node("c").client == "no"


def test_persona_must_be_fictional() -> None:
    with pytest.raises(ScenarioError, match="fictional"):
        parse_scenario(scenario_yaml(BASIC_NODES).replace("fictional: true", "fictional: false"))


def test_duplicate_node_and_choice_ids() -> None:
    dup_node = BASIC_NODES + '  - id: b\n    client: "x"\n    end: poor\n'
    with pytest.raises(ScenarioError, match="node id is used twice") as info:
        parse_scenario(scenario_yaml(dup_node))
    assert info.value.node_id == "b"
    dup_choice = BASIC_NODES.replace("{id: adv,", "{id: good,")
    with pytest.raises(ScenarioError, match="choice id is used twice"):
        parse_scenario(scenario_yaml(dup_choice))


def test_file_name_must_match_id(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="does not match the file name"):
        load_scenario(write(tmp_path, scenario_yaml(BASIC_NODES), "other.scenario.yaml"))


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "nope.scenario.yaml")
    p = tmp_path / "s.scenario.yaml"
    p.write_bytes(b"id: \xff\xfe")
    with pytest.raises(ScenarioError, match="UTF-8"):
        load_scenario(p)


def test_bad_grade_and_bad_id_pattern() -> None:
    with pytest.raises(ScenarioError, match=r"evidence|harmful"):
        parse_scenario(scenario_yaml(BASIC_NODES.replace("empathy: basic", "empathy: great")))
    with pytest.raises(ScenarioError, match="lowercase"):
        parse_scenario(scenario_yaml(BASIC_NODES.replace("id: good", "id: Good Choice")))


def test_quiz_rules() -> None:
    q = """schema_version: 1
id: q
title: Q
mode: practice
questions:
  - id: one
    prompt: P
    options: [{id: a, text: A, correct: true}, {id: b, text: B, correct: true}]
    explanation: E
"""
    with pytest.raises(ScenarioError, match="exactly one correct"):
        parse_quiz(q)
    assert parse_quiz(q.replace("prompt: P", "prompt: P\n    select: many")).max_points == 1
    with pytest.raises(ScenarioError, match="no explanation"):
        parse_quiz(
            q.replace("    explanation: E\n", "")
            .replace("select", "x")
            .replace("correct: true}]", "correct: false}]")
        )


def test_load_quiz_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError):
        load_quiz(write(tmp_path, "just text", "q.quiz.yaml"))


# --- fuzzing: whatever the bytes, the loader raises ScenarioError or returns a model -----


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=400))
def test_fuzz_arbitrary_text_never_escapes(text: str) -> None:
    try:
        parse_scenario(text, "fuzz.scenario.yaml")
    except ScenarioError as exc:
        assert exc.path == "fuzz.scenario.yaml"


_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.data())
def test_fuzz_mutated_valid_scenarios(data: st.DataObject) -> None:
    """Replace one value somewhere in a valid scenario: error or model, never a crash."""
    doc = yaml.safe_load(scenario_yaml(BASIC_NODES))
    paths: list[list[object]] = []

    def walk(node: object, path: list[object]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, [*path, k])
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, [*path, i])

    walk(doc, [])
    target = data.draw(st.sampled_from(paths[1:]))
    parent = doc
    for part in target[:-1]:
        parent = parent[part]  # type: ignore[index]
    parent[target[-1]] = data.draw(_values)  # type: ignore[index]
    try:
        parse_scenario(yaml.safe_dump(doc), "m.scenario.yaml")
    except ScenarioError as exc:
        assert exc.path == "m.scenario.yaml" and exc.line is not None
