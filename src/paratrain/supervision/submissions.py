"""What an assignment asks for, and what one trainee handed in: role-plays, answers, levels.

Read-only views over a course folder (see :mod:`paratrain.cohort.course`):

* :func:`assignment_plan` reads ``source/<assignment>/*.ipynb``: the module number and the
  competencies it assesses (notebook metadata ``paratrain``), the graded role-plays
  (``roleplay_points("id", ...)`` cells) and the written answers with their rubrics
  (prompt-cell metadata ``paratrain.rubric``).
* :func:`read_submission` reads ``autograded/<student>/<assignment>/`` (or ``submitted/`` when
  not yet autograded): each role-play transcript replayed against its key from ``keys/``,
  with the feedback every choice carried, and the text of every written answer.

Competency levels come from :func:`paratrain.competencies.levels.compute_levels` over the
decision evidence of every role-play in the submission: the same function the player and the
grader use.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from paratrain.cohort.course import Course, read_rubric_keys
from paratrain.competencies.levels import CompetencyLevel, DecisionEvidence, compute_levels
from paratrain.course.timestamps import read_timestamp
from paratrain.errors import InputError, ScenarioError
from paratrain.scenarios import scoring
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.assess import Problem, WitnessCheck, grade_roleplay
from paratrain.scenarios.engine import Step
from paratrain.scenarios.keys import course_key
from paratrain.scenarios.kinds import SCENARIO, graded_items
from paratrain.scenarios.model import Choice, Node, Scenario
from paratrain.scenarios.release import course_secret
from paratrain.witness.log import witness_check

PLACEHOLDERS = ("YOUR ANSWER HERE", "Double-click here and write your answer")


@dataclass(frozen=True)
class AnswerSpec:
    """A written answer: its cell, points, prompt, and raw rubric metadata (if any)."""

    notebook: str
    grade_id: str
    points: float
    prompt: str
    rubric: dict[str, Any] | None
    path: Path
    reply: tuple[str, str] | None = None  # (scenario, node): a free-text turn in a role-play


@dataclass(frozen=True)
class AssignmentPlan:
    assignment: str
    title: str
    module: int | None
    assesses: tuple[str, ...]
    notebooks: tuple[str, ...]
    roleplays: tuple[str, ...]
    answers: tuple[AnswerSpec, ...]


@dataclass(frozen=True)
class StepView:
    """One decision of a role-play, as a supervisor reads it."""

    number: int
    node: str
    client: str
    narration: str
    choice: str
    text: str
    feedback: str
    evidence: dict[str, str]
    harmful: bool


@dataclass(frozen=True)
class RoleplayRecord:
    """A role-play in a submission: the steps taken, or why they could not be read."""

    scenario_id: str
    title: str
    transcript: Path
    problem: Problem | None = None
    detail: str = ""
    steps: tuple[StepView, ...] = ()
    undone_harmful: tuple[StepView, ...] = ()
    finished: bool = False
    evidence: tuple[DecisionEvidence, ...] = ()
    made_for: str | None = None  # the trainee the transcript says it was made for
    notes: tuple[str, ...] = ()
    fingerprint: str = ""  # digest of the event stream (for spotting copies)
    witness: str = ""  # "" | "witnessed" | what the course's witness found missing

    @property
    def replies(self) -> tuple[StepView, ...]:
        """The free-text turns (steps with no choice id)."""
        return tuple(s for s in self.steps if not s.choice)


@dataclass(frozen=True)
class WrittenAnswer:
    spec: AnswerSpec
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Submission:
    course_id: str
    student: str
    assignment: str
    folder: Path | None
    timestamp: datetime | None
    roleplays: tuple[RoleplayRecord, ...] = ()
    answers: tuple[WrittenAnswer, ...] = ()
    levels: dict[str, CompetencyLevel] = field(default_factory=dict)
    # notebooks of the submission that could not be read: (notebook, reason)
    unreadable: tuple[tuple[str, str], ...] = ()

    @property
    def submitted(self) -> bool:
        return self.folder is not None


# --- the plan of an assignment --------------------------------------------------------------


def _read_nb(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the notebook ({exc})", path=path) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("cells"), list):
        raise InputError("not a Jupyter notebook", path=path)
    return doc


def _src(cell: dict[str, Any]) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else str(s)


def assignment_plan(course: Course, assignment: str) -> AssignmentPlan:
    """What ``source/<assignment>/`` asks trainees to do."""
    folder = course.source / assignment
    notebooks = sorted(folder.glob("*.ipynb")) if folder.is_dir() else []
    if not notebooks:
        raise InputError(
            f"assignment '{assignment}' has no notebook",
            path=folder,
            hint="is the assignment id right? see 'paratrain course' sources",
        )
    title, module, assesses = assignment, None, []
    roleplays: list[str] = []
    answers: list[AnswerSpec] = []
    # full rubrics (with supervisor notes) are kept out of the released notebook
    full_rubrics = read_rubric_keys(course.keys / assignment)
    for nb_path in notebooks:
        doc = _read_nb(nb_path)
        meta = doc.get("metadata", {}).get("paratrain", {})
        title = str(meta.get("title", title))
        module = meta.get("module", module)
        assesses += [c for c in meta.get("assesses", []) if c not in assesses]
        prompts: dict[str, tuple[str, dict[str, Any]]] = {}
        for cell in doc["cells"]:
            pmeta = cell.get("metadata", {}).get("paratrain", {})
            if "rubric" in pmeta and "answer" in pmeta:
                answer_id = str(pmeta["answer"])
                prompts[answer_id] = (_src(cell), full_rubrics.get(answer_id, pmeta["rubric"]))
            roleplays += [
                g.item_id
                for g in graded_items([cell])
                if g.kind is SCENARIO and g.item_id not in roleplays
            ]
            nbg = cell.get("metadata", {}).get("nbgrader", {})
            if nbg.get("task") and isinstance(pmeta.get("reply"), dict):
                spec = _reply_spec(course, assignment, nb_path, nbg, pmeta["reply"])
                if spec is not None:
                    answers.append(spec)
                continue
            if nbg.get("grade") and nbg.get("solution"):
                gid = str(nbg["grade_id"])
                prompt, rubric = prompts.get(gid, ("", None))
                answers.append(
                    AnswerSpec(
                        nb_path.stem, gid, float(nbg.get("points", 0)), prompt, rubric, nb_path
                    )
                )
    return AssignmentPlan(
        assignment,
        title,
        module if isinstance(module, int) else None,
        tuple(assesses),
        tuple(p.stem for p in notebooks),
        tuple(roleplays),
        tuple(answers),
    )


def _reply_spec(
    course: Course, assignment: str, nb_path: Path, nbg: dict[str, Any], ref: dict[str, Any]
) -> AnswerSpec | None:
    """A role-play's free-text turn, graded like a written answer: its rubric (with the
    supervisor notes) comes from the scenario's key."""
    sid, node_id = str(ref.get("scenario", "")), str(ref.get("node", ""))
    key = load_key(course, assignment, sid)
    node = key.node_by_id.get(node_id) if key else None
    if node is None or node.reply is None:
        return None
    r = node.reply
    rubric = {"prompt": r.prompt, "rubric": [c.model_dump(exclude_none=True) for c in r.rubric]}
    return AnswerSpec(
        nb_path.stem,
        str(nbg["grade_id"]),
        float(nbg.get("points", r.points)),
        f"In the role-play '{key.title if key else sid}': {r.prompt}",
        rubric if r.rubric else None,
        nb_path,
        (sid, node_id),
    )


def reply_text(roleplays: tuple[RoleplayRecord, ...], scenario_id: str, node_id: str) -> str:
    """What the trainee wrote at a role-play's free-text turn (the last time, in practice)."""
    for rp in roleplays:
        if rp.scenario_id == scenario_id:
            texts = [s.text for s in rp.replies if s.node == node_id]
            return texts[-1] if texts else ""
    return ""


# --- one trainee's submission ---------------------------------------------------------------


def load_key(course: Course, assignment: str, scenario_id: str) -> Scenario | None:
    """The full scenario (with feedback and evidence) from the course; see
    :func:`paratrain.scenarios.keys.course_key`."""
    key = course_key(course.root, assignment, scenario_id, "scenario")
    return key if isinstance(key, Scenario) else None


def _step_view(n: int, node: Node, choice: Choice) -> StepView:
    return StepView(
        n,
        node.id,
        node.client or "",
        node.narration or "",
        choice.id,
        choice.text,
        choice.feedback or "",
        {k: v.value for k, v in choice.evidence.items()},
        choice.is_harmful,
    )


def _views(key: Scenario, steps: tuple[Step, ...]) -> tuple[StepView, ...]:
    out = []
    for i, st in enumerate(steps, start=1):
        node = key.node(st.node)
        if st.choice is None:  # a free-text reply: shown with the rubric, graded by a person
            out.append(
                StepView(
                    i,
                    node.id,
                    node.client or "",
                    node.narration or "",
                    "",
                    st.reply or "",
                    "",
                    {},
                    False,
                )
            )
            continue
        out.append(_step_view(i, node, node.choice_by_id[st.choice]))
    return tuple(out)


def read_roleplay(
    key: Scenario | None,
    scenario_id: str,
    folder: Path,
    *,
    student: str | None = None,
    secret: bytes | None = None,
    witness: WitnessCheck | None = None,
) -> RoleplayRecord:
    """A submitted role-play as a supervisor reads it, graded by
    :func:`paratrain.scenarios.assess.grade_roleplay` (the same function as the grader)."""
    path = tx.transcript_path(folder, scenario_id)
    out = grade_roleplay(
        key,
        path,
        points=1.0,
        trainee=student,
        scenario_id=scenario_id,
        strict=student is not None,
        secret=secret,
        witness=witness,
    )
    title = key.title if key else scenario_id
    if out.problem is not None or key is None or out.state is None:
        detail = out.detail or "the scenario's key was not found in keys/"
        return RoleplayRecord(
            scenario_id,
            title,
            path,
            out.problem or Problem.NO_KEY,
            detail,
            made_for=out.trainee,
            fingerprint=out.fingerprint,
        )
    state = out.state
    undone = tuple(s for s in out.harmful_tried if s not in state.path)
    return RoleplayRecord(
        scenario_id,
        title,
        path,
        None,
        "",
        _views(key, state.path),
        _views(key, undone),
        out.finished,
        tuple(scoring.decision_evidence(key, state.path)),
        made_for=out.trainee,
        notes=out.notes,
        fingerprint=out.fingerprint,
        witness=out.witness,
    )


def _answer_text(nb: dict[str, Any], grade_id: str) -> str:
    for cell in nb["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == grade_id:
            text = _src(cell)
            return "" if any(p in text for p in PLACEHOLDERS) and len(text) < 200 else text
    return ""


def _timestamp(folder: Path, course: Course, student: str, assignment: str) -> datetime | None:
    for f in (folder, course.folders(student, assignment).submitted):
        try:
            ts = read_timestamp(f)
        except InputError:
            continue
        if ts is not None:
            return ts
    return None


def submission_folder(course: Course, student: str, assignment: str) -> Path | None:
    return course.folders(student, assignment).latest()


def read_submission(
    course: Course, student: str, assignment: str, plan: AssignmentPlan | None = None
) -> Submission:
    """Everything a supervisor needs to review one trainee's assignment."""
    plan = plan or assignment_plan(course, assignment)
    folder = submission_folder(course, student, assignment)
    if folder is None:
        return Submission(course.course_id, student, assignment, None, None)
    roleplays = []
    for sid in plan.roleplays:
        try:
            key = load_key(course, assignment, sid)
        except ScenarioError as exc:
            roleplays.append(
                RoleplayRecord(
                    sid, sid, tx.transcript_path(folder, sid), Problem.NO_KEY, exc.detail
                )
            )
            continue
        roleplays.append(
            read_roleplay(
                key,
                sid,
                folder,
                student=student,
                secret=course_secret(course.keys),
                witness=witness_check(course.root, student, "auto"),
            )
        )
    answers = []
    notebooks: dict[str, dict[str, Any]] = {}
    unreadable: list[tuple[str, str]] = []
    for spec in plan.answers:
        if spec.reply is not None:
            answers.append(WrittenAnswer(spec, reply_text(tuple(roleplays), *spec.reply)))
            continue
        if spec.notebook not in notebooks:
            nb_path = folder / f"{spec.notebook}.ipynb"
            try:
                notebooks[spec.notebook] = _read_nb(nb_path) if nb_path.is_file() else {"cells": []}
            except InputError as exc:  # one broken submission must not stop a review run
                notebooks[spec.notebook] = {"cells": []}
                unreadable.append((spec.notebook, exc.detail))
        answers.append(WrittenAnswer(spec, _answer_text(notebooks[spec.notebook], spec.grade_id)))
    evidence = [e for r in roleplays for e in r.evidence]
    return Submission(
        course.course_id,
        student,
        assignment,
        folder,
        _timestamp(folder, course, student, assignment),
        tuple(roleplays),
        tuple(answers),
        compute_levels(evidence),
        tuple(unreadable),
    )
