"""The scenario and quiz model: what a file means once it has been read and checked.

These are frozen pydantic models; ``extra="forbid"`` makes a misspelt field an error rather than
something silently ignored. Graph checks (targets, reachability, dead ends) live in
:mod:`paratrain.scenarios.lint`; this module checks only the shape of each record.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SCHEMA_VERSION = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Grade(StrEnum):
    """How a response shows a competency (ENACT-style)."""

    HARMFUL = "harmful"
    BASIC = "basic"
    ADVANCED = "advanced"


class Mode(StrEnum):
    PRACTICE = "practice"
    ASSESSMENT = "assessment"


class Outcome(StrEnum):
    GOOD = "good"
    MIXED = "mixed"
    POOR = "poor"
    HIDDEN = "hidden"  # only in released copies of assessment scenarios


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Persona(_Record):
    fictional: Literal[True] = Field(
        description="Must be true: every person in a scenario is fictional."
    )
    name: Text
    age: int | Text
    pronouns: Text
    background: Text
    situation: Text
    reason: Text
    language: Text | None = None
    image_alt: Text | None = None
    speaker: Text | None = Field(
        default=None, description="How the person is labelled in the conversation; "
        "by default the first word of the name")

    @property
    def label(self) -> str:
        return self.speaker or self.name.split()[0]


class Choice(_Record):
    id: Id
    text: Text
    next: Id
    feedback: Text | None = None
    evidence: dict[Id, Grade] = Field(default_factory=dict)
    points: int | None = Field(default=None, ge=0)
    sets: tuple[Id, ...] = ()
    condition: str | None = Field(default=None, alias="if")

    @field_validator("condition")
    @classmethod
    def _condition_shape(cls, value: str | None) -> str | None:
        if value is None:
            return None
        words = value.split()
        if len(words) == 1 or (len(words) == 2 and words[0] == "not"):
            return value
        raise ValueError("a condition is a flag name, or 'not' and a flag name")

    @property
    def earned_points(self) -> int:
        """Points this choice earns: explicit, or derived from its evidence."""
        if self.points is not None:
            return self.points
        grades = set(self.evidence.values())
        if Grade.HARMFUL in grades:
            return 0
        if Grade.ADVANCED in grades:
            return 2
        return 1 if Grade.BASIC in grades else 0

    @property
    def is_harmful(self) -> bool:
        return Grade.HARMFUL in self.evidence.values()

    def available(self, flags: frozenset[str]) -> bool:
        """Whether this choice is offered given the flags set so far."""
        if self.condition is None:
            return True
        words = self.condition.split()
        return (words[-1] in flags) != (words[0] == "not")


class Node(_Record):
    id: Id
    narration: Text | None = None
    client: Text | None = None
    choices: tuple[Choice, ...] = ()
    end: Outcome | None = None
    debrief: Text | None = None

    @cached_property
    def choice_by_id(self) -> dict[str, Choice]:
        return {c.id: c for c in self.choices}

    @property
    def is_ending(self) -> bool:
        return self.end is not None


class Scenario(_Record):
    schema_version: Literal[1]
    id: Id
    version: int = Field(default=1, ge=1)
    title: Text
    mode: Mode
    competencies: tuple[Id, ...] | None = None
    persona: Persona
    setting: Text | None = None
    start: Id
    nodes: tuple[Node, ...] = Field(min_length=1)
    notes: Text | None = None

    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def node(self, node_id: str) -> Node:
        return self.node_by_id[node_id]

    @cached_property
    def structure_hash(self) -> str:
        """Hash of ids and links only, so wording edits keep recorded transcripts valid."""
        shape = [
            [n.id, n.end.value if n.end else None, [[c.id, c.next] for c in n.choices]]
            for n in self.nodes
        ]
        blob = json.dumps([self.id, self.start, shape], separators=(",", ":"))
        return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()[:32]

    @property
    def has_key(self) -> bool:
        """Whether feedback/evidence/points are present (False in a released projection)."""
        return any(c.feedback or c.evidence or c.points is not None
                   for n in self.nodes for c in n.choices)


class Option(_Record):
    id: Id
    text: Text
    correct: bool | None = None


class Question(_Record):
    id: Id
    prompt: Text
    select: Literal["one", "many"] = "one"
    options: tuple[Option, ...] = Field(min_length=2, max_length=6)
    explanation: Text | None = None
    points: int = Field(default=1, ge=0)

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options if o.correct)


class Quiz(_Record):
    schema_version: Literal[1]
    id: Id
    version: int = Field(default=1, ge=1)
    title: Text
    mode: Mode
    questions: tuple[Question, ...] = Field(min_length=1)
    notes: Text | None = None

    @property
    def has_key(self) -> bool:
        return any(q.correct_ids or q.explanation for q in self.questions)

    @property
    def max_points(self) -> int:
        return sum(q.points for q in self.questions)

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}
