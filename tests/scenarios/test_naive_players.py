"""Every graded role-play defeats players who ignore what the person says."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.naive_players import graded_points, graded_scenarios, main, weaknesses

from paratrain.scenarios.loader import load_scenario, parse_scenario

GRADED = graded_scenarios()
POINTS = graded_points()


def test_there_are_graded_roleplays_to_check() -> None:
    assert len(GRADED) >= 10
    assert all(load_scenario(p).id in POINTS for p in GRADED)


@pytest.mark.parametrize("path", GRADED, ids=lambda p: p.stem.removesuffix(".scenario"))
def test_naive_players_fail(path: Path) -> None:
    key = load_scenario(path)
    assert weaknesses(key, POINTS[key.id], runs=1000) == []


def _longest_wins(n: int) -> str:
    """An assessment where the best option is always the longest (a bad measurement)."""
    nodes = []
    for i in range(n):
        nxt = f"n{i + 1}" if i + 1 < n else "end"
        nodes.append(f"""  - id: n{i}
    client: "Line {i}"
    choices:
      - {{id: good, text: "A long, careful and caring answer that names what she feels",
         next: {nxt}, evidence: {{empathy: basic}}}}
      - {{id: poor, text: "Okay.", next: {nxt}, evidence: {{empathy: harmful}}, feedback: f}}
      - {{id: meh, text: "I see, go on.", next: {nxt}}}""")
    return f"""schema_version: 2
id: longest-wins
title: Longest wins
mode: assessment
persona: {{fictional: true, name: Test Person, age: 40, pronouns: they/them,
  background: b, situation: s, reason: r}}
start: n0
nodes:
{chr(10).join(nodes)}
  - id: end
    client: Bye
    end: good
"""


def test_the_check_fails_on_a_scenario_the_longest_answer_wins() -> None:
    key = parse_scenario(_longest_wins(10))
    found = weaknesses(key, 10.0, runs=200)
    assert any("'longest' passes" in w for w in found)
    assert any("'longest' is eligible for sign-off" in w for w in found)


def test_benchmark_prints_a_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "longest-wins.scenario.yaml"
    p.write_text(_longest_wins(10))
    assert main([str(p), "--runs", "20"]) == 0
    out = capsys.readouterr().out
    assert "longest-wins" in out and "uniform random" in out and "100.0%" in out
