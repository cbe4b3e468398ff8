"""Competency levels, ENACT-style, from the evidence of the choices a trainee made.

One pure function shared by the player's summary, grading, supervision and reports:

1. level 1 if any response on the path was potentially harmful for the competency
   (this gates everything else);
2. level 2 if none was harmful but at some decision point that assesses the competency the
   response showed neither basic nor advanced skill;
3. level 3 if every such point showed at least basic skill;
4. level 4 if level 3 and at least one response was advanced.

A decision point *assesses* a competency when any of the responses offered there carries
evidence for it. Grades are the strings ``"harmful"``, ``"basic"`` and ``"advanced"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LEVEL_NAMES: dict[int, str] = {
    1: "potentially harmful",
    2: "some basic skills",
    3: "all basic skills",
    4: "basic and advanced skills",
}


@dataclass(frozen=True)
class DecisionEvidence:
    """What one decision point assessed and what the chosen response showed."""

    point: str
    assessed: frozenset[str]
    shown: Mapping[str, str]


@dataclass(frozen=True)
class CompetencyLevel:
    competency: str
    level: int
    harmful_at: tuple[str, ...] = ()
    missed_at: tuple[str, ...] = ()
    advanced_at: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return LEVEL_NAMES[self.level]


def compute_levels(points: Iterable[DecisionEvidence]) -> dict[str, CompetencyLevel]:
    """Level per competency assessed at any of the decision points."""
    harmful: dict[str, list[str]] = {}
    missed: dict[str, list[str]] = {}
    advanced: dict[str, list[str]] = {}
    order: list[str] = []
    for p in points:
        for comp in sorted(p.assessed | set(p.shown)):
            if comp not in harmful:
                order.append(comp)
                harmful[comp], missed[comp], advanced[comp] = [], [], []
            grade = p.shown.get(comp)
            if grade == "harmful":
                harmful[comp].append(p.point)
            elif grade == "advanced":
                advanced[comp].append(p.point)
            elif grade != "basic":
                missed[comp].append(p.point)
    out: dict[str, CompetencyLevel] = {}
    for comp in order:
        if harmful[comp]:
            level = 1
        elif missed[comp]:
            level = 2
        else:
            level = 4 if advanced[comp] else 3
        out[comp] = CompetencyLevel(
            comp, level, tuple(harmful[comp]), tuple(missed[comp]), tuple(advanced[comp])
        )
    return out
