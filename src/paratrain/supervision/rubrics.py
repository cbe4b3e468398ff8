"""Rubrics for written answers: the format, versions, criterion-by-criterion scores.

The format (``docs/lesson-format.md``) is written in an assignment source as an
``::: answer`` block and travels in the prompt cell's metadata ``paratrain.rubric``::

    prompt: "Write a short, factual note ..."
    rubric:
      - id: facts                       # stable id, lowercase
        criterion: Records what was seen and said      # the trainee sees this
        points: 2
        note: Deduct the full 2 points for any label.  # supervisors only

A rubric's *version* is a hash of its criteria (ids, wording, points, notes), so a score always
says which rubric it used. A score records, per criterion, the fraction of its points earned
(1 met, 0.5 partly, 0 not met); the total is computed from the rubric. When a rubric changes,
:func:`adopt_rubric` stores the new version and re-computes every total that used an older
one from the same marks: a new score entry each (nothing is overwritten), written back to the
gradebook as the cell's manual score.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from paratrain.cohort.course import Course
from paratrain.errors import InputError
from paratrain.supervision import gradebook, schema
from paratrain.supervision.store import Store

RUBRIC_SCHEMA_VERSION = 1
MARK_WORDS = {"met": 1.0, "partly": 0.5, "not-met": 0.0, "missed": 0.0}


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    criterion: str = Field(min_length=1)
    points: float = Field(ge=0)
    note: str | None = None


class Rubric(BaseModel):
    """A written answer's rubric. ``prompt`` is shown for context; criteria are scored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: int = RUBRIC_SCHEMA_VERSION
    prompt: str = ""
    rubric: tuple[Criterion, ...] = Field(min_length=1)
    model_answer: str | None = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Rubric:
        ids = [c.id for c in self.rubric]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"criterion id(s) used twice: {', '.join(dup)}")
        if self.schema_version != RUBRIC_SCHEMA_VERSION:
            raise ValueError(f"unknown rubric schema_version {self.schema_version}")
        return self

    @property
    def max_points(self) -> float:
        return float(sum(c.points for c in self.rubric))

    @property
    def version(self) -> str:
        body = [[c.id, c.criterion, c.points, c.note or ""] for c in self.rubric]
        blob = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
        return "r-" + hashlib.sha256(blob.encode()).hexdigest()[:16]

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"model_answer"}, exclude_none=True)


def parse_rubric(data: Any, *, where: str | Path, cell: str | None = None) -> Rubric:
    """Validate rubric data; InputError names the file, the cell and the bad field."""
    try:
        return Rubric.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'rubric'}: {e['msg']}" for e in exc.errors()
        )
        at = f"cell '{cell}': " if cell else ""
        raise InputError(
            f"{at}the rubric is not valid ({problems})",
            path=where,
            hint="see docs/lesson-format.md, 'A written answer with its rubric'",
        ) from None


def read_rubric_file(path: str | Path) -> Rubric:
    """A rubric in a YAML file (the body of an ``::: answer`` block)."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read the rubric ({exc.strerror})", path=p) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML ({getattr(exc, 'problem', exc)})",
            path=p,
            line=mark.line + 1 if mark else None,
        ) from None
    return parse_rubric(data, where=p)


# --- marks and totals -----------------------------------------------------------------------


def parse_mark(value: str | float) -> float:
    """``met``/``partly``/``not-met`` or a fraction from 0 to 1."""
    if isinstance(value, str):
        word = value.strip().lower()
        if word in MARK_WORDS:
            return MARK_WORDS[word]
        try:
            value = float(word)
        except ValueError:
            raise InputError(
                f"'{value}' is not a mark",
                hint="use met, partly, not-met or a fraction from 0 to 1",
            ) from None
    if not 0.0 <= float(value) <= 1.0:
        raise InputError(
            f"mark {value} is outside 0-1",
            hint="a mark is the fraction of the criterion's points earned",
        )
    return float(value)


def total(rubric: Rubric, marks: dict[str, float], *, partial: bool = False) -> float:
    """Points earned. Every criterion needs a mark unless ``partial`` (missing count 0)."""
    unknown = sorted(set(marks) - {c.id for c in rubric.rubric})
    if unknown:
        raise InputError(
            f"marks for criteria that are not in the rubric: {', '.join(unknown)}",
            hint="criteria: " + ", ".join(c.id for c in rubric.rubric),
        )
    missing = [c.id for c in rubric.rubric if c.id not in marks]
    if missing and not partial:
        raise InputError(
            f"no mark for criteria: {', '.join(missing)}",
            hint="mark every criterion met, partly or not-met",
        )
    return round(sum(c.points * marks.get(c.id, 0.0) for c in rubric.rubric), 2)


def trainee_comment(rubric: Rubric, marks: dict[str, float], comment: str) -> str:
    """What the trainee reads in feedback: each criterion with its points. Never the notes."""
    lines = []
    for c in rubric.rubric:
        got = c.points * marks.get(c.id, 0.0)
        sign = "✔" if marks.get(c.id, 0.0) >= 1 else ("◐" if got > 0 else "✘")
        lines.append(f"{sign} {c.criterion} ({got:g} of {c.points:g})")
    if comment.strip():
        lines += ["", comment.strip()]
    return "\n".join(lines)


# --- the store ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CellKey:
    assignment: str
    notebook: str
    grade_id: str


@dataclass(frozen=True)
class Adoption:
    """What :func:`adopt_rubric` did: whether the version is new, and the re-computed scores."""

    adopted: bool
    rescored: tuple[dict[str, Any], ...] = ()


def stored_versions(store: Store, course_id: str, key: CellKey) -> list[dict[str, Any]]:
    t = schema.rubric_version
    return store.rows(
        t,
        t.c.course == course_id,
        t.c.assignment == key.assignment,
        t.c.notebook == key.notebook,
        t.c.grade_id == key.grade_id,
    )


def current_rubric(store: Store, course_id: str, key: CellKey) -> Rubric | None:
    rows = stored_versions(store, course_id, key)
    return Rubric.model_validate(rows[-1]["body"]) if rows else None


def latest_scores(store: Store, course_id: str, key: CellKey) -> dict[str, dict[str, Any]]:
    """The newest score per student for one answer cell."""
    t = schema.rubric_score
    out: dict[str, dict[str, Any]] = {}
    for r in store.rows(
        t,
        t.c.course == course_id,
        t.c.assignment == key.assignment,
        t.c.notebook == key.notebook,
        t.c.grade_id == key.grade_id,
    ):
        out[r["student"]] = r
    return out


def adopt_rubric(
    store: Store,
    course: Course,
    key: CellKey,
    rubric: Rubric,
    *,
    actor: str,
    source: str,
    cell_points: float | None = None,
    write_back: bool = True,
) -> Adoption:
    """Make ``rubric`` the current version for a cell and re-compute totals that used others.

    Does nothing if it is already the current version.

    Raises
    ------
    InputError
        If the rubric's points do not add up to the cell's points.
    """
    if cell_points is not None and abs(rubric.max_points - cell_points) > 1e-9:
        raise InputError(
            f"the rubric for '{key.grade_id}' adds up to {rubric.max_points:g} "
            f"points but the answer is worth {cell_points:g}",
            path=source,
            hint="change the criteria's points so they add up to the answer's",
        )
    current = current_rubric(store, course.course_id, key)
    if current is not None and current.version == rubric.version:
        return Adoption(False)
    with store.transaction() as conn:
        store.add(
            schema.rubric_version,
            {
                "course": course.course_id,
                "assignment": key.assignment,
                "notebook": key.notebook,
                "grade_id": key.grade_id,
                "version": rubric.version,
                "body": rubric.body(),
                "source": str(source),
                "actor": actor,
            },
            conn=conn,
        )
    redone = []
    for student, old in latest_scores(store, course.course_id, key).items():
        if old["rubric_version"] == rubric.version:
            continue
        marks = {k: float(v) for k, v in old["marks"].items() if k in {c.id for c in rubric.rubric}}
        unmarked = [c.id for c in rubric.rubric if c.id not in marks]
        reason = "recomputed" + (f": not yet scored: {', '.join(unmarked)}" if unmarked else "")
        redone.append(
            _save_score(
                store,
                course,
                key,
                student,
                rubric,
                marks,
                actor=actor,
                comment=old["comment"],
                reason=reason,
                write_back=write_back,
            )
        )
    return Adoption(True, tuple(redone))


def _save_score(
    store: Store,
    course: Course,
    key: CellKey,
    student: str,
    rubric: Rubric,
    marks: dict[str, float],
    *,
    actor: str,
    comment: str,
    reason: str,
    write_back: bool,
) -> dict[str, Any]:
    points = total(rubric, marks, partial=reason != "scored")
    row = {
        "course": course.course_id,
        "assignment": key.assignment,
        "student": student,
        "notebook": key.notebook,
        "grade_id": key.grade_id,
        "rubric_version": rubric.version,
        "marks": marks,
        "total": points,
        "max_total": rubric.max_points,
        "comment": comment,
        "reason": reason,
        "reviewer": actor,
    }
    if write_back:
        gradebook.write_manual_score(
            course.db_url,
            course.course_id,
            assignment=key.assignment,
            student=student,
            notebook=key.notebook,
            grade_id=key.grade_id,
            score=points,
            comment=trainee_comment(rubric, marks, comment),
        )
    row["id"] = store.add(schema.rubric_score, row)
    return row


def score_answer(
    store: Store,
    course: Course,
    key: CellKey,
    student: str,
    marks: dict[str, float],
    *,
    reviewer: str,
    comment: str = "",
    write_back: bool = True,
) -> dict[str, Any]:
    """Score one trainee's answer with the current rubric, criterion by criterion.

    The total becomes the cell's manual score in the gradebook (unless ``write_back`` is
    False) and the per-criterion result its comment.

    Raises
    ------
    InputError
        If there is no rubric for the cell, or a criterion is unmarked or unknown.
    """
    rubric = current_rubric(store, course.course_id, key)
    if rubric is None:
        raise InputError(
            f"no rubric is stored for '{key.grade_id}' in {key.assignment}",
            hint="run 'paratrain review rubrics sync COURSE' first",
        )
    if not reviewer.strip():
        raise InputError("a score needs the reviewer's name")
    return _save_score(
        store,
        course,
        key,
        student,
        rubric,
        marks,
        actor=reviewer,
        comment=comment,
        reason="scored",
        write_back=write_back,
    )


def sync_rubrics(
    store: Store, course: Course, *, actor: str = "paratrain", write_back: bool = True
) -> list[CellKey]:
    """Store the rubric of every written answer in the course's sources, if it is new.

    A source rubric already imported once is not re-adopted, so a later change made with
    :func:`adopt_rubric` (``paratrain review rubric update``) stands until the source changes.
    Returns the cells whose rubric changed.
    """
    from paratrain.supervision.submissions import assignment_plan

    changed = []
    for assignment in course.assignments():
        for spec in assignment_plan(course, assignment).answers:
            if spec.rubric is None:
                continue
            rubric = parse_rubric(spec.rubric, where=spec.path, cell=f"{spec.grade_id}-prompt")
            key = CellKey(assignment, spec.notebook, spec.grade_id)
            known = {r["version"] for r in stored_versions(store, course.course_id, key)}
            if rubric.version in known:  # already imported once; a later update stands
                continue
            if adopt_rubric(
                store,
                course,
                key,
                rubric,
                actor=actor,
                source=str(spec.path),
                cell_points=spec.points,
                write_back=write_back,
            ).adopted:
                changed.append(key)
    return changed
