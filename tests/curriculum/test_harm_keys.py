"""Feedback and keys agree: a response whose feedback says it is outside the role, or that
it leaves the person alone, is keyed harmful (issue: mislabelled harms)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paratrain.scenarios.loader import load_scenario
from tests.conftest import REPO

SCENARIOS = sorted(
    [
        *(REPO / "curriculum" / "scenarios").glob("*.scenario.yaml"),
        *(REPO / "assignments" / "source").glob("*/*.scenario.yaml"),
    ]
)

# what feedback says when the response itself is the harm
SAYS_HARM = re.compile(
    r"\b(?:is|was|goes|steps|falls|are)\s+(?:\w+\s+)?(?:outside|beyond)\s+(?:your|the|a)\s+"
    r"(?:\w+\s+)?(?:role|scope)"
    r"|\bthis is not your (?:role|job|decision)\b"
    r"|\b(?:leaves?|leaving|left)\s+(?:him|her|them|the person|someone|a person)\s+"
    r"(?:alone|on (?:his|her|their) own)\b"
    r"|\bhanding over a number and leaving\b",
    re.I,
)


def test_the_check_finds_what_it_looks_for() -> None:
    assert SAYS_HARM.search("Taking her pills yourself is outside your role.")
    assert SAYS_HARM.search("Hanging up leaves her alone during an overdose.")
    assert not SAYS_HARM.search("You turned a question outside your role into a referral.")


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name.removesuffix(".scenario.yaml"))
def test_feedback_that_names_a_harm_is_keyed_harmful(path: Path) -> None:
    s = load_scenario(path)
    wrong = [
        f"{n.id}/{c.id}: {SAYS_HARM.search(c.feedback or '').group(0)!r}"  # type: ignore[union-attr]
        for n in s.nodes
        for c in n.choices
        if c.feedback and SAYS_HARM.search(c.feedback) and not c.is_harmful
    ]
    assert not wrong, "feedback says harm, key says not: " + "; ".join(wrong)


def good_endings_after_harm(s: object) -> set[str]:
    """Good endings some path reaches after a harmful choice (conditions honoured)."""
    from paratrain.scenarios import engine
    from paratrain.scenarios.model import Outcome, Scenario

    assert isinstance(s, Scenario)
    begin = engine.start(s)
    seen = {(begin.node, begin.values, False)}
    todo = [(begin, False)]
    out: set[str] = set()
    while todo:
        state, harmed = todo.pop()
        node = engine.current(s, state)
        if node.is_ending:
            if harmed and node.end is Outcome.GOOD:
                out.add(node.id)
            continue
        if node.is_reply:
            moves = [(engine.reply(s, state, "x"), False)]
        else:
            moves = [
                (engine.advance(s, state, c.id), c.is_harmful)
                for c in engine.available_choices(s, state)
            ]
        for nxt, harm in moves:
            k = (nxt.node, nxt.values, harmed or harm)
            if k not in seen and len(seen) < 200_000:
                seen.add(k)
                todo.append((engine.State(node=nxt.node, values=nxt.values), harmed or harm))
    return out


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name.removesuffix(".scenario.yaml"))
def test_no_good_ending_after_a_harmful_choice_unless_the_scenario_says_why(path: Path) -> None:
    s = load_scenario(path)
    reached = good_endings_after_harm(s)
    if reached:
        assert s.notes and "harmful" in s.notes.lower(), (
            f"good ending(s) {sorted(reached)} reachable after a harmful choice, and the "
            "scenario's notes do not say why"
        )
