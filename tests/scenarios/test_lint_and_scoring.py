from __future__ import annotations

from pathlib import Path

from paratrain.cli import main
from paratrain.competencies.levels import DecisionEvidence, compute_levels
from paratrain.scenarios import engine
from paratrain.scenarios.lint import lint_path, lint_scenario_model
from paratrain.scenarios.loader import parse_scenario
from paratrain.scenarios.scoring import best_path, path_levels, path_score, score_bounds
from tests.conftest import BASIC_NODES, scenario_yaml


def issues(nodes: str, **kw: str) -> list[str]:
    s = parse_scenario(scenario_yaml(nodes, **kw))
    return [f"{i.severity}:{i.node_id}/{i.choice_id}:{i.message}" for i in lint_scenario_model(s)]


def test_clean_scenario_has_no_errors() -> None:
    assert not [i for i in issues(BASIC_NODES) if i.startswith("error")]


def test_broken_target_unreachable_dead_end_and_loop() -> None:
    nodes = """  - id: a
    client: "1"
    choices:
      - {id: x, text: X, next: nowhere, feedback: f}
      - {id: y, text: Y, next: loop1, feedback: f}
      - {id: z, text: Z, next: stuck, feedback: f}
      - {id: w, text: W, next: end, feedback: f}
  - id: loop1
    client: "2"
    choices:
      - {id: go, text: Go, next: loop2, feedback: f}
  - id: loop2
    client: "3"
    choices:
      - {id: back, text: Back, next: loop1, feedback: f}
  - id: stuck
    client: "4"
  - id: orphan
    client: "5"
    end: poor
  - id: end
    client: "6"
    end: good
"""
    found = issues(nodes)
    assert any("a/x:'next' points at 'nowhere'" in i for i in found)
    assert any("stuck/None:dead end" in i for i in found)
    assert any("orphan/None:unreachable ending" in i for i in found)
    assert any(i.startswith("error:loop1/None:loop with no way out") for i in found)
    assert any(i.startswith("error:loop2/None:loop with no way out") for i in found)


def test_unknown_competency_and_missing_feedback() -> None:
    nodes = BASIC_NODES.replace("empathy: basic", "wizardry: basic").replace(
        'feedback: "harm", ', ""
    )
    found = issues(nodes)
    assert any("unknown competency id 'wizardry'" in i for i in found)
    assert any("a/bad:practice-mode choice without feedback" in i for i in found)


def test_undeclared_competency_and_unset_flag() -> None:
    found = issues(BASIC_NODES, extra="competencies: [empathy]\n")
    assert any("'rapport' is not in the scenario's 'competencies'" in i for i in found)
    flagged = BASIC_NODES.replace('next: b, feedback: "ok"', 'next: b, feedback: "ok", if: x')
    assert any("flag 'x', which no choice sets" in i for i in issues(flagged))


def test_scores_and_bounds() -> None:
    s = parse_scenario(scenario_yaml(BASIC_NODES))
    assert path_score(s, engine.replay(s, ["adv"]).path) == 2
    assert path_score(s, engine.replay(s, ["bad", "fix"]).path) == 1
    b = score_bounds(s)
    assert (b.low, b.high, b.exact) == (1, 2, True)
    assert best_path(s) == ["adv"]


def test_levels_are_enact_style() -> None:
    s = parse_scenario(scenario_yaml(BASIC_NODES))
    assert path_levels(s, engine.replay(s, ["good"]).path)["empathy"].level == 3
    assert path_levels(s, engine.replay(s, ["adv"]).path)["empathy"].level == 4
    harmed = path_levels(s, engine.replay(s, ["bad", "fix"]).path)
    assert harmed["empathy"].level == 1 and harmed["rapport"].level == 3


def test_level_two_when_an_opportunity_is_missed() -> None:
    pts = [
        DecisionEvidence("p1", frozenset({"empathy"}), {"empathy": "advanced"}),
        DecisionEvidence("p2", frozenset({"empathy"}), {}),
    ]
    lv = compute_levels(pts)["empathy"]
    assert lv.level == 2 and lv.missed_at == ("p2",)
    # harm gates even advanced skill shown elsewhere
    pts.append(DecisionEvidence("p3", frozenset({"empathy"}), {"empathy": "harmful"}))
    assert compute_levels(pts)["empathy"].level == 1


def test_large_graph_lints_and_bounds(tmp_path: Path) -> None:
    from benchmarks.lint_large import make_large

    p = make_large(tmp_path, 2000)
    r = lint_path(p)
    assert r.ok and r.bounds is not None and r.bounds.high == 1999


def test_cli_lint_exit_codes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "s.scenario.yaml"
    good.write_text(scenario_yaml(BASIC_NODES))
    assert main(["scenario", "lint", str(good)]) == 0
    assert "score 1 to 2" in capsys.readouterr().out
    bad = tmp_path / "t" / "s.scenario.yaml"
    bad.parent.mkdir()
    bad.write_text(scenario_yaml(BASIC_NODES.replace("next: c", "next: zz")))
    assert main(["scenario", "lint", str(bad)]) == 1
    assert "'next' points at 'zz'" in capsys.readouterr().out


def test_cli_play_replay_seed_and_all(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    p = tmp_path / "s.scenario.yaml"
    p.write_text(scenario_yaml(BASIC_NODES))
    assert main(["scenario", "play", str(p), "--choices", "bad,fix"]) == 0
    out = capsys.readouterr().out
    assert "path: bad,fix" in out and "empathy=1" in out and "ending 'b'" in out
    assert main(["scenario", "play", str(p), "--seed", "3", "--json"]) == 0
    assert main(["scenario", "play", str(p), "--all"]) == 0
    assert "3 path(s)" in capsys.readouterr().out.splitlines()[-1]
    assert main(["scenario", "play", str(p), "--choices", "nope"]) == 2
