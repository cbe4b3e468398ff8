"""Graded role-plays are measurements: long enough, with lasting choices and a free-text turn.

The rules (issue: graded role-plays that measure competence): a spine of 10-12 decision points
on the best path, at most a quarter of decision points feedback-only forks, at least one
free-text reply with a rubric, and no length cue (lint's rule for assessments).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.naive_players import graded_scenarios

from paratrain.scenarios import measure
from paratrain.scenarios.lint import lint_path
from paratrain.scenarios.loader import load_scenario

GRADED = graded_scenarios()


@pytest.mark.parametrize("path", GRADED, ids=lambda p: p.stem.removesuffix(".scenario"))
def test_graded_roleplay_is_a_measurement(path: Path) -> None:
    report = lint_path(path)
    assert report.ok, [i.format(str(path)) for i in report.errors]
    shape = measure.shape(load_scenario(path))
    low, high = measure.SPINE
    assert low <= shape.spine <= high, f"spine {shape.spine}, want {low}-{high}"
    assert shape.fork_share <= measure.MAX_FORK_SHARE, f"feedback-only forks: {shape.forks}"
    assert shape.replies >= 1, "a graded role-play needs a free-text reply"


def test_variables_change_what_the_person_says() -> None:
    """At least one early choice in every graded role-play changes a later line or route."""
    for path in GRADED:
        s = load_scenario(path)
        assert s.variables, f"{path.name}: no variables"
        lasting = any(n.variants for n in s.nodes) or any(
            isinstance(c.next, tuple) or c.condition for n in s.nodes for c in n.choices
        )
        assert lasting, f"{path.name}: no variant, route or conditional choice"
        assert measure.read_variables(s), f"{path.name}: no condition reads a variable"
