"""``paratrain notebook build``: every lesson and assignment source into its notebook.

For assignments it also writes *reference* files beside the nbgrader source notebook: a
transcript of a highest-scoring path for each graded role-play and the correct answers for
each graded quiz. They are the "solution" that lets ``nbgrader validate`` pass on the sources;
``paratrain course init`` never copies them into a course, so trainees never receive them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from paratrain.atomic import atomic_write_text
from paratrain.authoring.lessons import Lesson, build_notebook, parse_lesson, render_notebook
from paratrain.errors import NotebookError, ScenarioError
from paratrain.scenarios import answers as ans
from paratrain.scenarios import files, scoring
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.engine import State, advance, display_order, replay, reply, start
from paratrain.scenarios.loader import load_quiz, load_scenario
from paratrain.scenarios.model import Mode, Node, Scenario

REFERENCE_TIME = "2000-01-01T00:00:00.000+00:00"


@dataclass(frozen=True)
class Output:
    path: Path
    text: str


def sources(root: Path) -> list[Path]:
    return sorted(
        [*(root / "curriculum" / "src").glob("*.md"), *(root / "assignments" / "src").glob("*.md")]
    )


def outputs_for(lesson: Lesson, root: Path) -> list[Output]:
    """The notebook (and, for assignments, the reference files) a source produces."""
    if lesson.front.kind == "assignment":
        folder = root / "assignments" / "source" / lesson.front.id
    else:
        folder = root / "curriculum"
    out: list[Output] = []
    graded: dict[str, Scenario] = {}
    for kind, item_id in lesson.items:
        try:
            path = files.find(item_id, folder, kind)
        except ScenarioError as exc:
            raise NotebookError(
                f"the {kind} '{item_id}' it uses is missing ({exc.detail})",
                path=lesson.path,
                hint=exc.hint,
            ) from None
        if lesson.front.kind != "assignment":
            continue
        if kind == "scenario":
            s = load_scenario(path)
            if s.mode is not Mode.ASSESSMENT:
                raise NotebookError(
                    f"graded role-play '{item_id}' must be mode: assessment", path=path
                )
            graded[item_id] = s
            out.append(Output(tx.transcript_path(folder, item_id), reference_transcript(s)))
        else:
            q = load_quiz(path)
            a = ans.Answers.new(q)
            for question in q.questions:
                a = a.with_answer(question.id, tuple(sorted(question.correct_ids)))
            a = replace(
                a,
                updated_at=REFERENCE_TIME,
                answers={k: replace(v, at=REFERENCE_TIME) for k, v in a.answers.items()},
            )
            out.append(Output(ans.answers_path(folder, item_id), a.to_json()))
    notebook = Output(
        folder / f"{lesson.front.id}.ipynb", render_notebook(build_notebook(lesson, graded))
    )
    return [notebook, *out]


def reference_transcript(s: Scenario) -> str:
    """A transcript of a highest-scoring path, with the model answer at each reply (fixed
    times, so the file only changes when the scenario does)."""
    items = [
        reply_text(s, s.node(step.node)) if step.choice is None else step.choice
        for step in replay(s, scoring.best_path(s)).path
    ]
    state = replay(s, items)
    t = tx.Transcript.new(s)
    for before, step in zip(prefixes(s, state), state.path, strict=True):
        shown = tuple(c.id for c in display_order(s, before, None)) if step.choice else None
        t = t.with_event(
            "choose" if step.choice else "reply",
            step.node,
            step.choice,
            shown=shown,
            text=step.reply,
            at=REFERENCE_TIME,
        )
    return replace(t, created_at=REFERENCE_TIME, updated_at=REFERENCE_TIME).to_json()


def reply_text(s: Scenario, node: Node) -> str:
    r = node.reply
    return (
        r.model_answer if r and r.model_answer else "(a reference reply in the trainee's own words)"
    )


def prefixes(s: Scenario, state: State) -> list[State]:
    """The state before each step of ``state``'s path."""
    out = []
    cur = start(s)
    for step in state.path:
        out.append(cur)
        cur = advance(s, cur, step.choice) if step.choice else reply(s, cur, step.reply or "")
    return out


def build_all(root: str | Path, *, check: bool = False) -> tuple[list[Path], list[Path]]:
    """Build every source under ``root``. Returns (written or stale paths, up-to-date paths).

    With ``check=True`` nothing is written; the first list names outputs that are stale.
    """
    base = Path(root)
    changed: list[Path] = []
    same: list[Path] = []
    for src in sources(base):
        lesson = parse_lesson(src)
        for o in outputs_for(lesson, base):
            current = o.path.read_text(encoding="utf-8") if o.path.exists() else None
            if current == o.text:
                same.append(o.path)
                continue
            changed.append(o.path)
            if not check:
                o.path.parent.mkdir(parents=True, exist_ok=True)
                atomic_write_text(o.path, o.text)
    return changed, same
