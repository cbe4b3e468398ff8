"""Quiz answer files: each answer saved the moment it is given, like transcripts.

Format (schema_version 1), ``<quiz-id>.answers.json`` next to the notebook::

    {"schema_version": 1, "kind": "paratrain-answers",
     "quiz": {"id": "...", "version": 1}, "mode": "practice", "updated_at": "...",
     "answers": {"q-988": {"selected": ["a"], "at": "...", "changes": 1}}}
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text
from paratrain.errors import TranscriptError
from paratrain.scenarios.model import Quiz
from paratrain.scenarios.transcript import now

SCHEMA_VERSION = 1
KIND = "paratrain-answers"
SUFFIX = ".answers.json"


@dataclass(frozen=True)
class Answer:
    selected: tuple[str, ...]
    at: str
    changes: int = 1


@dataclass(frozen=True)
class Answers:
    quiz_id: str
    quiz_version: int
    mode: str
    updated_at: str
    answers: dict[str, Answer] = field(default_factory=dict)

    @classmethod
    def new(cls, quiz: Quiz) -> Answers:
        return cls(quiz.id, quiz.version, quiz.mode.value, now())

    def with_answer(self, question_id: str, selected: tuple[str, ...]) -> Answers:
        prev = self.answers.get(question_id)
        at = now()
        changes = prev.changes + 1 if prev else 1
        answers = {**self.answers, question_id: Answer(tuple(sorted(selected)), at, changes)}
        return replace(self, answers=answers, updated_at=at)

    def to_json(self) -> str:
        doc: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "kind": KIND,
            "quiz": {"id": self.quiz_id, "version": self.quiz_version},
            "mode": self.mode,
            "updated_at": self.updated_at,
            "answers": {
                q: {"selected": list(a.selected), "at": a.at, "changes": a.changes}
                for q, a in self.answers.items()
            },
        }
        return json.dumps(doc, indent=1) + "\n"


def answers_path(folder: str | Path, quiz_id: str) -> Path:
    return Path(folder) / f"{quiz_id}{SUFFIX}"


def save(path: str | Path, answers: Answers) -> None:
    atomic_write_text(path, answers.to_json())


def load(path: str | Path) -> Answers:
    """Read an answers file. Raises TranscriptError (kind missing or corrupt)."""
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise TranscriptError(
            "no answers were found",
            path=p,
            kind="missing",
            hint="the quiz was not answered or the file was not submitted",
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TranscriptError(f"cannot read the answers ({exc})", path=p, kind="corrupt") from None
    try:
        if doc["kind"] != KIND or doc["schema_version"] != SCHEMA_VERSION:
            raise ValueError("not a paratrain answers file")
        answers = {
            str(q): Answer(
                tuple(str(s) for s in a["selected"]), str(a["at"]), int(a.get("changes", 1))
            )
            for q, a in doc["answers"].items()
        }
        return Answers(
            str(doc["quiz"]["id"]),
            int(doc["quiz"]["version"]),
            str(doc["mode"]),
            str(doc["updated_at"]),
            answers,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TranscriptError(
            f"the answers file is malformed ({exc})", path=p, kind="corrupt"
        ) from None


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    selected: tuple[str, ...]
    correct: bool
    points: int


def check(quiz: Quiz, answers: Answers, path: str | Path = "<answers>") -> list[QuestionResult]:
    """Mark every question; an answer naming options that do not exist is tampering."""
    if answers.quiz_id != quiz.id:
        raise TranscriptError(
            f"these answers are for quiz '{answers.quiz_id}', not '{quiz.id}'",
            path=path,
            kind="mismatch",
        )
    unknown = set(answers.answers) - set(quiz.question_by_id)
    if unknown:
        raise TranscriptError(
            f"answers name questions that are not in the quiz: {', '.join(sorted(unknown))}",
            path=path,
            kind="tampered",
        )
    results = []
    for q in quiz.questions:
        a = answers.answers.get(q.id)
        selected = a.selected if a else ()
        valid = {o.id for o in q.options}
        if not set(selected) <= valid or (q.select == "one" and len(selected) > 1):
            raise TranscriptError(
                f"the answer to '{q.id}' names options that cannot be chosen",
                path=path,
                kind="tampered",
            )
        ok = bool(selected) and frozenset(selected) == q.correct_ids
        results.append(QuestionResult(q.id, selected, ok, q.points if ok else 0))
    return results
