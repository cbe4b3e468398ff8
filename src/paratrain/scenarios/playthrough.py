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


@dataclass(frozen=True)
class Playthrough:
    scenario: Scenario
    state: State

    @property
    def choices(self) -> list[str]:
        return [s.choice for s in self.state.path]

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
            "harmful": [f"{s.node}/{s.choice}" for s in
                        scoring.harmful_steps(self.scenario, self.state.path)],
        }

    def as_text(self, *, width: int = 88) -> str:
        s = self.scenario
        name = s.persona.label
        out: list[str] = []

        def say(prefix: str, text: str | None) -> None:
            if text:
                out.append(textwrap.fill(text, width, initial_indent=prefix,
                                         subsequent_indent=" " * len(prefix)))

        for step in self.state.path:
            node = s.node(step.node)
            choice = node.choice_by_id[step.choice]
            say("  * ", node.narration)
            say(f"  {name}: ", node.client)
            say("  You: ", choice.text)
            grades = ", ".join(f"{c} {g.value}" for c, g in choice.evidence.items())
            out.append(f"      [{step.node}/{step.choice}] +{choice.earned_points}"
                       + (f"  ({grades})" if grades else ""))
        end = s.node(self.state.node)
        say("  * ", end.narration)
        say(f"  {name}: ", end.client)
        out.append(f"  -> ending '{end.id}' ({end.end.value})" if end.end else
                   "  -> not finished")
        return "\n".join(out)


def seeded(scenario: Scenario, seed: int) -> Playthrough:
    """A random playthrough, the same for the same seed."""
    rng = random.Random(seed)
    state = engine.start(scenario)
    for _ in range(MAX_STEPS):
        if engine.is_finished(scenario, state):
            break
        offered = engine.available_choices(scenario, state)
        if not offered:
            raise ScenarioError("no choice is offered here (stuck)", node_id=state.node)
        state = engine.advance(scenario, state, rng.choice(offered).id)
    return Playthrough(scenario, state)


def replayed(scenario: Scenario, choice_ids: list[str]) -> Playthrough:
    return Playthrough(scenario, engine.replay(scenario, choice_ids))


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
                raise ScenarioError(f"more than {limit} paths; the exhaustive mode is for "
                                    "small scenarios", hint="use --seed N instead")
            yield Playthrough(scenario, state)
            continue
        taken = set(state.path)
        for c in reversed(engine.available_choices(scenario, state)):
            if engine.Step(state.node, c.id) not in taken:
                stack.append(engine.advance(scenario, state, c.id))
