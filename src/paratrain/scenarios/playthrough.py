"""Scripted playthroughs for authors: seeded random, replayed, or every path (small graphs)."""

from __future__ import annotations

import random
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from paratrain.errors import ScenarioError
from paratrain.scenarios import engine, scoring
from paratrain.scenarios.engine import State
from paratrain.scenarios.model import Scenario

MAX_STEPS = 1000
PLACEHOLDER_REPLY = "(a reply in the trainee's own words)"


@dataclass(frozen=True)
class Playthrough:
    scenario: Scenario
    state: State

    @property
    def choices(self) -> list[str]:
        """Choice ids in order; a free-text reply appears as its text."""
        return [s.choice if s.choice is not None else (s.reply or "") for s in self.state.path]

    @property
    def finished(self) -> bool:
        return engine.is_finished(self.scenario, self.state)

    @property
    def score(self) -> int:
        return scoring.path_score(self.scenario, self.state.path)

    def as_dict(self) -> dict[str, Any]:
        levels = scoring.path_levels(self.scenario, self.state.path)
        node = self.scenario.node(self.state.node)
        return {
            "scenario": self.scenario.id,
            "choices": self.choices,
            "ending": node.id if self.finished else None,
            "outcome": node.end.value if node.end else None,
            "score": self.score,
            "levels": {c: lv.level for c, lv in levels.items()},
            "harmful": [
                f"{s.node}/{s.choice}"
                for s in scoring.harmful_steps(self.scenario, self.state.path)
            ],
        }

    def as_text(self, *, width: int = 88) -> str:
        s = self.scenario
        name = s.persona.label
        out: list[str] = []

        def say(prefix: str, text: str | None) -> None:
            if text:
                out.append(
                    textwrap.fill(
                        text, width, initial_indent=prefix, subsequent_indent=" " * len(prefix)
                    )
                )

        for node, env, step in engine.walk(s, self.state):
            narration, client, _ = engine.line(s, node, env)
            say("  * ", narration)
            say(f"  {name}: ", client)
            if step is None:
                break
            if step.choice is None:
                say("  You (own words): ", step.reply)
                assert node.reply is not None
                out.append(
                    f"      [{step.node}/reply] graded by a supervisor "
                    f"({node.reply.points:g} points)"
                )
                continue
            choice = node.choice_by_id[step.choice]
            say("  You: ", choice.text)
            grades = ", ".join(f"{c} {g.value}" for c, g in choice.evidence.items())
            out.append(
                f"      [{step.node}/{step.choice}] +{choice.earned_points}"
                + (f"  ({grades})" if grades else "")
            )
        end = s.node(self.state.node)
        out.append(f"  -> ending '{end.id}' ({end.end.value})" if end.end else "  -> not finished")
        return "\n".join(out)


def seeded(scenario: Scenario, seed: int) -> Playthrough:
    """A random playthrough, the same for the same seed."""
    rng = random.Random(seed)
    state = engine.start(scenario)
    for _ in range(MAX_STEPS):
        if engine.is_finished(scenario, state):
            break
        if engine.current(scenario, state).is_reply:
            state = engine.reply(scenario, state, PLACEHOLDER_REPLY)
            continue
        offered = engine.available_choices(scenario, state)
        if not offered:
            raise ScenarioError("no choice is offered here (stuck)", node_id=state.node)
        state = engine.advance(scenario, state, rng.choice(offered).id)
    return Playthrough(scenario, state)


def replayed(scenario: Scenario, choice_ids: list[str]) -> Playthrough:
    """Replay choice ids; at a reply node the item is the reply text (``-`` for a placeholder)."""
    items = [PLACEHOLDER_REPLY if c == "-" else c for c in choice_ids]
    return Playthrough(scenario, engine.replay(scenario, items))


def every_path(scenario: Scenario, *, limit: int = 10_000) -> Iterator[Playthrough]:
    """Every path from the start to an ending that visits no choice twice.

    Raises ScenarioError when there are more than ``limit`` paths (use --seed instead).
    """
    count = 0
    stack = [engine.start(scenario)]
    while stack:
        state = stack.pop()
        if engine.is_finished(scenario, state):
            count += 1
            if count > limit:
                raise ScenarioError(
                    f"more than {limit} paths; the exhaustive mode is for small scenarios",
                    hint="use --seed N instead",
                )
            yield Playthrough(scenario, state)
            continue
        taken = set(state.path)
        if engine.current(scenario, state).is_reply:
            nxt = engine.reply(scenario, state, PLACEHOLDER_REPLY)
            if nxt.path[-1] not in taken:
                stack.append(nxt)
            continue
        for c in reversed(engine.available_choices(scenario, state)):
            nxt = engine.advance(scenario, state, c.id)
            if nxt.path[-1] not in taken:
                stack.append(nxt)
