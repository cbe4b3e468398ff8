"""Build lesson and assignment notebooks from Markdown sources (see docs/lesson-format.md).

The source is parsed into a list of blocks (Markdown text or a directive); each block becomes
one or more cells with fixed metadata, so every notebook hides its code, locks what trainees
must not change, and carries the nbgrader metadata formgrader needs.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.competencies.seed_topics import SEED_TOPICS
from paratrain.errors import NotebookError
from paratrain.scenarios.kinds import QUIZ, SCENARIO, ItemKind, item_metadata
from paratrain.scenarios.model import Node, Scenario

NBGRADER_SCHEMA = 3
WRITE_HERE = "*Double-click here and write your answer. Press Shift+Enter when you are done.*"


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    module: int = Field(ge=0)
    kind: str = Field(pattern="^(lesson|assignment)$")
    teaches: list[str] = Field(default_factory=list)
    assesses: list[str] = Field(default_factory=list)
    seed_topics: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_ids(self) -> FrontMatter:
        for comp in [*self.teaches, *self.assesses]:
            if comp not in COMPETENCIES:
                raise ValueError(f"unknown competency id '{comp}'")
        for topic in self.seed_topics:
            if topic not in SEED_TOPICS:
                raise ValueError(f"unknown seed topic '{topic}'")
        return self


class Criterion(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    criterion: str
    points: float = Field(ge=0)
    note: str | None = None


class Rubric(BaseModel):
    """A written answer's prompt and rubric (the body of an ``::: answer`` block)."""

    model_config = ConfigDict(extra="forbid")
    prompt: str
    rubric: list[Criterion] = Field(min_length=1)
    model_answer: str | None = None


@dataclass
class Directive:
    name: str
    args: list[str]
    options: dict[str, str]
    body: str
    line: int


@dataclass
class Lesson:
    path: Path
    front: FrontMatter
    blocks: list[str | Directive] = field(default_factory=list)

    @property
    def items(self) -> list[tuple[str, str]]:
        """(kind, id) of every scenario and quiz the lesson uses."""
        out = []
        for b in self.blocks:
            if isinstance(b, Directive) and b.name in ("play", "graded-roleplay"):
                out.append(("scenario", b.args[0]))
            elif isinstance(b, Directive) and b.name in ("quiz", "graded-quiz"):
                out.append(("quiz", b.args[0]))
        return out


BLOCK_DIRECTIVES = {"write", "answer"}
LINE_DIRECTIVES = {
    "play",
    "quiz",
    "graded-roleplay",
    "graded-quiz",
    "directory-search",
    "referral-tracker",
}
ASSIGNMENT_ONLY = {"graded-roleplay", "graded-quiz", "answer"}


def parse_lesson(path: str | Path) -> Lesson:
    """Read a lesson source. Raises NotebookError naming the file and line."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise NotebookError(f"cannot read the lesson source ({exc})", path=p) from None
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if not m:
        raise NotebookError(
            "the file must start with front matter between '---' lines",
            path=p,
            line=1,
            hint="see docs/lesson-format.md",
        )
    try:
        front = FrontMatter.model_validate(yaml.safe_load(m.group(1)))
    except (yaml.YAMLError, ValidationError) as exc:
        raise NotebookError(f"front matter: {exc}", path=p, line=2) from None
    if front.id != p.stem:
        raise NotebookError(
            f"front matter id '{front.id}' must equal the file name",
            path=p,
            line=2,
            hint=f"rename the file to {front.id}.md",
        )
    lesson = Lesson(p, front)
    lines = text[m.end() :].split("\n")
    offset = text[: m.end()].count("\n")
    buf: list[str] = []
    i = 0

    def flush() -> None:
        chunk = "\n".join(buf).strip("\n")
        if chunk.strip():
            lesson.blocks.append(chunk)
        buf.clear()

    while i < len(lines):
        line = lines[i]
        lineno = offset + i + 1
        if line.strip() == "+++":
            flush()
        elif line.startswith(":::") and line.strip() != ":::":
            flush()
            words = shlex.split(line[3:].strip())
            name, rest = words[0], words[1:]
            args = [w for w in rest if "=" not in w]
            options = dict(w.split("=", 1) for w in rest if "=" in w)
            body: list[str] = []
            if name in BLOCK_DIRECTIVES:
                i += 1
                while i < len(lines) and lines[i].strip() != ":::":
                    body.append(lines[i])
                    i += 1
                if i >= len(lines):
                    raise NotebookError(
                        f"'::: {name}' block is not closed with ':::'", path=p, line=lineno
                    )
            elif name not in LINE_DIRECTIVES:
                raise NotebookError(
                    f"unknown directive '::: {name}'",
                    path=p,
                    line=lineno,
                    hint="see docs/lesson-format.md",
                )
            if name in ASSIGNMENT_ONLY and front.kind != "assignment":
                raise NotebookError(f"'::: {name}' is only for assignments", path=p, line=lineno)
            needs_id = name not in ("directory-search", "referral-tracker")
            if needs_id and len(args) != 1:
                raise NotebookError(f"'::: {name}' needs exactly one id", path=p, line=lineno)
            if name in ("graded-roleplay", "graded-quiz", "answer") and "points" not in options:
                raise NotebookError(f"'::: {name}' needs points=N", path=p, line=lineno)
            lesson.blocks.append(Directive(name, args, options, "\n".join(body), lineno))
        else:
            buf.append(line)
        i += 1
    flush()
    return lesson


def parse_rubric(d: Directive, path: Path) -> Rubric:
    try:
        rubric = Rubric.model_validate(yaml.safe_load(d.body))
    except (yaml.YAMLError, ValidationError) as exc:
        raise NotebookError(f"answer '{d.args[0]}': {exc}", path=path, line=d.line) from None
    total = sum(c.points for c in rubric.rubric)
    if abs(total - float(d.options["points"])) > 1e-9:
        raise NotebookError(
            f"answer '{d.args[0]}': rubric criteria add up to {total:g} but the answer is "
            f"worth {d.options['points']} points",
            path=path,
            line=d.line,
        )
    return rubric


def rubric_markdown(answer_id: str, rubric: Rubric, points: float) -> str:
    rows = "\n".join(f"| {c.criterion} | {c.points:g} |" for c in rubric.rubric)
    return (
        f"{rubric.prompt.strip()}\n\n**How this answer is graded** ({points:g} points; a "
        f"supervisor scores it with this rubric):\n\n| Criterion | Points |\n|---|---|\n"
        f"{rows}\n"
    )


# --- cells -----------------------------------------------------------------------------


def _meta(
    *,
    hidden: bool = False,
    locked: bool = True,
    nbgrader: dict[str, Any] | None = None,
    tags: list[str] | None = None,
) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if hidden:
        meta["jupyter"] = {"source_hidden": True}
    if locked:
        meta["editable"] = False
        meta["deletable"] = False
    if nbgrader is not None:
        meta["nbgrader"] = {"schema_version": NBGRADER_SCHEMA, **nbgrader}
    if tags:
        meta["tags"] = tags
    return meta


def _nbg(
    grade_id: str,
    *,
    grade: bool = False,
    solution: bool = False,
    locked: bool = True,
    points: float | None = None,
) -> dict[str, Any]:
    d: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "solution": solution,
        "task": False,
    }
    if points is not None:
        d["points"] = points
    return d


def reply_cell_id(scenario_id: str, node_id: str) -> str:
    """The nbgrader grade id of a graded role-play's free-text turn."""
    return f"reply-{scenario_id}-{node_id}"


def reply_markdown(scenario: Scenario, node: Node) -> str:
    """The locked task cell a supervisor grades a free-text reply in (trainee-visible)."""
    assert node.reply is not None
    r = node.reply
    crit = "\n".join(
        f"- {c.criterion} ({c.points:g} point{'' if c.points == 1 else 's'})" for c in r.rubric
    )
    return (
        f"**In your own words, in the role-play *{scenario.title}*** "
        f"({r.points:g} point{'' if r.points == 1 else 's'}): *{r.prompt}*\n\n"
        "Your reply is saved in the role-play above, and your supervisor grades it after "
        "you submit" + (f", against these criteria:\n\n{crit}" if crit else ".")
    )


def build_notebook(
    lesson: Lesson, scenarios: Mapping[str, Scenario] | None = None
) -> nbformat.NotebookNode:
    """The notebook for a parsed lesson or assignment source.

    ``scenarios`` gives the assessment scenarios of the graded role-plays: each free-text turn
    in one becomes an nbgrader *manually graded task* cell right after the role-play's score
    cell, which the supervisor grades in formgrader (or the review notebook).
    """
    graded = lesson.front.kind == "assignment"
    nb: nbformat.NotebookNode = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
        "paratrain": lesson.front.model_dump(),
    }
    used = {"banner"}
    cells: list[nbformat.NotebookNode] = []

    def code(src: str, grade_id: str, **kw: Any) -> nbformat.NotebookNode:
        nbg = _nbg(grade_id, **kw) if graded else None
        cell: nbformat.NotebookNode = nbformat.v4.new_code_cell(
            src, metadata=_meta(hidden=True, nbgrader=nbg)
        )
        cell.id = grade_id
        return cell

    def md(
        src: str, cid: str, *, locked: bool = True, nbgrader: dict[str, Any] | None = None
    ) -> nbformat.NotebookNode:
        cell: nbformat.NotebookNode = nbformat.v4.new_markdown_cell(
            src, metadata=_meta(locked=locked, nbgrader=nbgrader)
        )
        cell.id = cid
        return cell

    def score_cell(kind: ItemKind, ident: str, points: Any) -> nbformat.NotebookNode:
        """The autograded cell that scores one item (its kind's grading helper)."""
        pts = float(points)
        cell = code(
            f"# Scored by your supervisor's grading run after you submit."
            f'\n{kind.grade_call}("{ident}", points={pts:g})',
            f"score-{ident}",
            grade=True,
            points=pts,
        )
        cell.metadata["paratrain"] = item_metadata(kind, ident, pts)
        return cell

    n_md = 0
    for b in lesson.blocks:
        if isinstance(b, str):
            n_md += 1
            nbg = _nbg(f"text-{n_md}") if graded else None
            cells.append(md(b, f"text-{n_md}", nbgrader=nbg))
            continue
        ident = b.args[0] if b.args else b.name
        if b.name in ("play", "graded-roleplay"):
            used.add("play")
            cells.append(
                code(
                    f"# Role-play: press Run All to start. Choices save as you make them."
                    f'\nplay("{ident}")',
                    f"play-{ident}",
                )
            )
            if b.name == "graded-roleplay":
                used.add("roleplay_points")
                cells.append(score_cell(SCENARIO, ident, b.options["points"]))
                scenario = (scenarios or {}).get(ident)
                for node in scenario.reply_nodes if scenario else ():
                    assert node.reply is not None and scenario is not None
                    gid = reply_cell_id(ident, node.id)
                    task = md(
                        reply_markdown(scenario, node),
                        gid,
                        nbgrader={**_nbg(gid, points=node.reply.points), "task": True},
                    )
                    task.metadata["paratrain"] = {"reply": {"scenario": ident, "node": node.id}}
                    cells.append(task)
        elif b.name in ("quiz", "graded-quiz"):
            used.add("quiz")
            cells.append(
                code(f'# Quiz: answers save as you choose them.\nquiz("{ident}")', f"quiz-{ident}")
            )
            if b.name == "graded-quiz":
                used.add("quiz_points")
                cells.append(score_cell(QUIZ, ident, b.options["points"]))
        elif b.name in ("directory-search", "referral-tracker"):
            fn = b.name.replace("-", "_")
            used.add(fn)
            cells.append(
                code(
                    f"# Interactive tool: press Run All to show it.\n{fn}()",
                    f"{b.name}-{len(cells)}",
                )
            )
        elif b.name == "write":
            prompt = b.body.strip() or "Write your reflection."
            cells.append(md(f"✍️ **{prompt}**", f"prompt-{ident}"))
            cells.append(md(WRITE_HERE, f"write-{ident}", locked=False))
        elif b.name == "answer":
            rubric = parse_rubric(b, lesson.path)
            pts = float(b.options["points"])
            prompt_cell = md(
                rubric_markdown(ident, rubric, pts),
                f"{ident}-prompt",
                nbgrader=_nbg(f"{ident}-prompt"),
            )
            prompt_cell.metadata["paratrain"] = {
                "rubric": rubric.model_dump(exclude={"model_answer"}),
                "answer": ident,
            }
            cells.append(prompt_cell)
            answer = md(
                rubric.model_answer.strip() if rubric.model_answer else WRITE_HERE,
                ident,
                locked=False,
                nbgrader=_nbg(ident, grade=True, solution=True, locked=False, points=pts),
            )
            cells.append(answer)
    if "play" in used:
        used.add("finish")
        cells.append(code("# After Run All: back to the first role-play.\nfinish()", "finish"))
    imports = ", ".join(sorted(used))
    setup = nbformat.v4.new_code_cell(
        f"# Setup: loads the training tools. Nothing here needs changing.\n"
        f"from paratrain.notebook import {imports}\n\nbanner()",
        metadata=_meta(
            hidden=True, nbgrader=_nbg("setup") if graded else None, tags=["paratrain-setup"]
        ),
    )
    setup.id = "setup"
    nb.cells = [setup, *cells]
    return nb


def target_for(source: Path, root: Path) -> Path:
    """Where the notebook for a source goes (curriculum/src/X.md -> curriculum/X.ipynb;
    assignments/src/X.md -> assignments/source/X/X.ipynb)."""
    if source.parent.parent.name == "assignments" or source.parent.parent == root / "assignments":
        return source.parent.parent / "source" / source.stem / f"{source.stem}.ipynb"
    return source.parent.parent / f"{source.stem}.ipynb"


def render_notebook(nb: nbformat.NotebookNode) -> str:
    text: str = nbformat.writes(nb)
    return text + "\n"
