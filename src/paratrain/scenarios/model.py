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
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from paratrain.scenarios.conditions import ConditionError, VarInfo
from paratrain.scenarios.conditions import check as check_condition
from paratrain.scenarios.seal import open_sealed

SCHEMA_VERSION = 2
SCHEMA_VERSIONS = (1, 2)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
VarName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=60)]


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
        default=None,
        description="How the person is labelled in the conversation; "
        "by default the first word of the name",
    )

    @property
    def label(self) -> str:
        return self.speaker or self.name.split()[0]


Value = bool | int | str


class VarType(StrEnum):
    BOOL = "bool"
    INT = "int"
    ENUM = "enum"


class Variable(_Record):
    """A declared scenario variable (schema v2): set by choices, read by conditions."""

    type: VarType
    initial: bool | int | str | None = None
    min: int | None = None
    max: int | None = None
    values: tuple[Id, ...] | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Variable:
        if self.type is VarType.BOOL:
            if self.initial is not None and not isinstance(self.initial, bool):
                raise ValueError("a bool variable's 'initial' is true or false")
            if self.min is not None or self.max is not None or self.values is not None:
                raise ValueError("a bool variable has no 'min', 'max' or 'values'")
        elif self.type is VarType.INT:
            if self.min is None or self.max is None:
                raise ValueError(
                    "an int variable needs 'min' and 'max' (small bounds keep "
                    "the scenario checkable)"
                )
            if self.min > self.max:
                raise ValueError("'min' is greater than 'max'")
            if self.max - self.min > 100:
                raise ValueError("an int variable may span at most 100 values")
            if self.initial is not None and (
                isinstance(self.initial, bool) or not isinstance(self.initial, int)
            ):
                raise ValueError("an int variable's 'initial' is a whole number")
            if self.initial is not None and not self.min <= self.initial <= self.max:
                raise ValueError("'initial' is outside 'min'..'max'")
            if self.values is not None:
                raise ValueError("an int variable has no 'values'")
        else:
            if not self.values or len(set(self.values)) != len(self.values):
                raise ValueError("an enum variable needs a list of distinct 'values'")
            if self.initial is not None and self.initial not in self.values:
                raise ValueError("'initial' is not one of 'values'")
            if self.min is not None or self.max is not None:
                raise ValueError("an enum variable has no 'min' or 'max'")
        return self

    @property
    def start(self) -> Value:
        """The value before the first choice."""
        if self.initial is not None:
            return self.initial
        if self.type is VarType.BOOL:
            return False
        if self.type is VarType.INT:
            return max(self.min or 0, min(0, self.max or 0))
        assert self.values
        return self.values[0]

    def domain(self) -> tuple[Value, ...]:
        if self.type is VarType.BOOL:
            return (False, True)
        if self.type is VarType.INT:
            assert self.min is not None and self.max is not None
            return tuple(range(self.min, self.max + 1))
        return tuple(self.values or ())

    def info(self) -> VarInfo:
        return VarInfo(self.type.value, tuple(self.values or ()))


class Route(_Record):
    """One way out of a choice or a reply: taken when ``if`` holds (the last has no ``if``)."""

    condition: str | None = Field(default=None, alias="if")
    to: Id


Next = Id | tuple[Route, ...]


def _targets(nxt: Next | None) -> tuple[str, ...]:
    if nxt is None:
        return ()
    return (nxt,) if isinstance(nxt, str) else tuple(r.to for r in nxt)


def _check_routes(nxt: Next | None) -> None:
    if isinstance(nxt, tuple):
        if not nxt:
            raise ValueError("'next' needs at least one route")
        if nxt[-1].condition is not None:
            raise ValueError(
                "the last route in 'next' must have no 'if' (it is taken when no other route holds)"
            )
        if any(r.condition is None for r in nxt[:-1]):
            raise ValueError("only the last route in 'next' may be without 'if'")


class Choice(_Record):
    id: Id
    text: Text
    next: Next
    feedback: Text | None = None
    evidence: dict[Id, Grade] = Field(default_factory=dict)
    points: int | None = Field(default=None, ge=0)
    set: dict[VarName, bool | int | str] = Field(default_factory=dict)
    add: dict[VarName, int] = Field(default_factory=dict)
    condition: str | None = Field(default=None, alias="if")

    @model_validator(mode="after")
    def _routes(self) -> Choice:
        _check_routes(self.next)
        return self

    @property
    def targets(self) -> tuple[str, ...]:
        """Every node this choice can lead to."""
        return _targets(self.next)

    @property
    def effects(self) -> bool:
        return bool(self.set or self.add)

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


class Criterion(_Record):
    """One rubric criterion for a free-text reply."""

    id: Id
    criterion: Text
    points: float = Field(ge=0)
    note: Text | None = None  # supervisor-only


class Reply(_Record):
    """A free-text turn: the trainee writes what they would say; a supervisor grades it."""

    prompt: Text
    points: float = Field(default=1, ge=0)
    rubric: tuple[Criterion, ...] = ()
    feedback: Text | None = None
    model_answer: Text | None = None  # an exemplar for supervisors (part of the key)
    max_length: int = Field(default=2000, ge=20, le=20000)

    @model_validator(mode="after")
    def _rubric_points(self) -> Reply:
        ids = [c.id for c in self.rubric]
        if len(set(ids)) != len(ids):
            raise ValueError("two rubric criteria share an id")
        total = sum(c.points for c in self.rubric)
        if self.rubric and abs(total - self.points) > 1e-9:
            raise ValueError(
                f"the rubric's points add up to {total:g}, but the reply is worth {self.points:g}"
            )
        return self


class Variant(_Record):
    """What a node says instead when ``if`` holds (the first matching variant wins)."""

    condition: str = Field(alias="if")
    narration: Text | None = None
    client: Text | None = None
    debrief: Text | None = None


class Node(_Record):
    id: Id
    narration: Text | None = None
    client: Text | None = None
    variants: tuple[Variant, ...] = ()
    order: Literal["fixed"] | None = None
    choices: tuple[Choice, ...] = ()
    reply: Reply | None = None
    next: Next | None = None  # only for reply nodes
    end: Outcome | None = None
    debrief: Text | None = None

    @model_validator(mode="after")
    def _kind(self) -> Node:
        if self.reply is not None:
            if self.choices or self.end is not None:
                raise ValueError("a reply node has 'reply' and 'next', no 'choices' or 'end'")
            if self.next is None:
                raise ValueError(
                    "a reply node needs 'next' (where the conversation goes "
                    "after the trainee's reply)"
                )
            _check_routes(self.next)
        elif self.next is not None:
            raise ValueError(
                "'next' on a node is only for reply nodes (choices have their own 'next')"
            )
        return self

    @cached_property
    def choice_by_id(self) -> dict[str, Choice]:
        return {c.id: c for c in self.choices}

    @property
    def is_ending(self) -> bool:
        return self.end is not None

    @property
    def is_reply(self) -> bool:
        return self.reply is not None

    @property
    def targets(self) -> tuple[str, ...]:
        return _targets(self.next)


class Scenario(_Record):
    schema_version: Literal[1, 2]
    id: Id
    version: int = Field(default=1, ge=1)
    title: Text
    mode: Mode
    pass_mark: float = Field(default=0.7, gt=0, le=1)
    competencies: tuple[Id, ...] | None = None
    services: tuple[Text, ...] = ()
    variables: dict[VarName, Variable] = Field(default_factory=dict)
    persona: Persona
    setting: Text | None = None
    start: Id
    nodes: tuple[Node, ...] = Field(min_length=1)
    notes: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _upgrade_v1(cls, data: Any) -> Any:
        """Schema 1 had flags (``sets: [flag]``, ``if: flag``); they become bool variables.
        A released copy's sealed graph (:mod:`paratrain.scenarios.release`) is opened."""
        data = open_sealed(data)
        if not isinstance(data, dict) or data.get("schema_version") != 1:
            return data
        return upgrade_v1(data)

    @model_validator(mode="after")
    def _check_conditions(self) -> Scenario:
        decl = {k: v.info() for k, v in self.variables.items()}
        for i, n in enumerate(self.nodes):
            for loc, text in _conditions_of(n):
                try:
                    check_condition(text, decl)
                except ConditionError as exc:
                    raise ValueError(located(["nodes", i, *loc], str(exc))) from None
            for j, c in enumerate(n.choices):
                at: list[str | int] = ["nodes", i, "choices", j]
                for name, value in c.set.items():
                    var = self.variables.get(name)
                    if var is None:
                        raise ValueError(
                            located(
                                [*at, "set"],
                                f"'set' names '{name}', which "
                                "is not a declared variable (see "
                                "'variables')",
                            )
                        )
                    if value not in var.domain() or isinstance(value, bool) != (
                        var.type is VarType.BOOL
                    ):
                        raise ValueError(
                            located(
                                [*at, "set"],
                                f"{value!r} is not a value of "
                                f"the {var.type.value} variable '{name}'",
                            )
                        )
                for name in c.add:
                    var = self.variables.get(name)
                    if var is None or var.type is not VarType.INT:
                        raise ValueError(
                            located(
                                [*at, "add"], f"'add' needs a declared int variable, not '{name}'"
                            )
                        )
        return self

    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def node(self, node_id: str) -> Node:
        return self.node_by_id[node_id]

    @cached_property
    def initial_values(self) -> tuple[tuple[str, Value], ...]:
        return tuple(sorted((k, v.start) for k, v in self.variables.items()))

    @cached_property
    def structure_hash(self) -> str:
        """Hash of ids and links only, so wording edits keep recorded transcripts valid.

        A plain choice contributes ``[id, next]`` exactly as schema 1 did, so a schema-1
        scenario keeps the hash its transcripts recorded.
        """

        def link(nxt: Next | None) -> Any:
            if nxt is None or isinstance(nxt, str):
                return nxt
            return [[r.condition, r.to] for r in nxt]

        shape: list[Any] = []
        for n in self.nodes:
            entry: list[Any] = [
                n.id,
                n.end.value if n.end else None,
                [[c.id, link(c.next)] for c in n.choices],
            ]
            if n.reply is not None:
                entry.append(["reply", link(n.next)])
            shape.append(entry)
        blob = json.dumps([self.id, self.start, shape], separators=(",", ":"))
        return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()[:32]

    @property
    def has_key(self) -> bool:
        """Whether feedback/evidence/points are present (False in a released projection)."""
        return any(
            c.feedback or c.evidence or c.points is not None for n in self.nodes for c in n.choices
        )

    @property
    def reply_nodes(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.reply is not None)


def located(loc: list[str | int], message: str) -> str:
    """A validation message that carries where it is (``@nodes/3/choices/1: ...``); the
    loader turns the location into a line number and the node and choice ids."""
    return "@" + "/".join(map(str, loc)) + ": " + message


def _conditions_of(n: Node) -> list[tuple[list[str | int], str]]:
    """(location inside the node, text) of every condition: variants, choices, routes."""
    out: list[tuple[list[str | int], str]] = []
    for i, v in enumerate(n.variants):
        out.append((["variants", i, "if"], v.condition))
    routes: list[tuple[list[str | int], Next | None]] = [(["next"], n.next)]
    for j, c in enumerate(n.choices):
        if c.condition:
            out.append((["choices", j, "if"], c.condition))
        routes.append((["choices", j, "next"], c.next))
    for loc, nxt in routes:
        if isinstance(nxt, tuple):
            out += [([*loc, k, "if"], r.condition) for k, r in enumerate(nxt) if r.condition]
    return out


def conditions_of(n: Node) -> list[tuple[list[str | int], str]]:
    """(location inside the node, text) of every condition in a node."""
    return _conditions_of(n)


def upgrade_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Schema 1 -> 2 in memory: ``sets: [flag]`` becomes ``set: {flag: true}`` and every flag
    a declared bool variable (false at the start). Anything malformed is passed on as it is,
    for validation to report."""
    doc = dict(data)
    doc["schema_version"] = 2
    flags: dict[str, None] = {}
    raw_nodes = doc.get("nodes")
    if not isinstance(raw_nodes, list):
        return doc
    nodes: list[Any] = []
    for raw in raw_nodes:
        raw_choices = raw.get("choices") if isinstance(raw, dict) else None
        if not isinstance(raw_choices, list):
            nodes.append(raw)
            continue
        choices: list[Any] = []
        for rc in raw_choices:
            if not isinstance(rc, dict):
                choices.append(rc)
                continue
            c = dict(rc)
            sets = c.get("sets")
            if isinstance(sets, list) and all(isinstance(f, str) for f in sets):
                del c["sets"]
                flags.update(dict.fromkeys(sets))
                c["set"] = dict.fromkeys(sets, True)
            cond = c.get("if")
            if isinstance(cond, str) and cond.split():
                flags[cond.split()[-1]] = None
            choices.append(c)
        nodes.append({**raw, "choices": choices})
    doc["nodes"] = nodes
    if flags and "variables" not in doc:
        doc["variables"] = {f: {"type": "bool"} for f in flags}
    return doc


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
