"""Scores that a trainee's kernel cannot change: role-play and quiz cells rescored by nbgrader.

nbgrader runs the submitted notebook in a kernel, and the trainee controls what runs there:
an added cell can redefine ``roleplay_points`` or point it at a key of their own. So the score
of a role-play or quiz cell must not come from the kernel. :class:`Rescore` is an nbgrader
preprocessor that runs in the *grading* process right after ``Execute``: it finds every
role-play and quiz test cell, grades the submitted transcript or answers file against the key
in the configured course (``<course>/keys/<assignment>/``, never a file from the submission),
for the student nbgrader is grading, and replaces the cell's outputs with the result — the
transcript as static HTML and the points as the cell's result. nbgrader's ``SaveAutoGrades``
then records that number, with nbgrader's own rules.

``paratrain course init`` writes the configuration (``rescore_config`` in the course
package) into the course's ``nbgrader_config.py``, so ``nbgrader autograde``, the
formgrader and ``paratrain grade`` all run the same pipeline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nbconvert.preprocessors import Preprocessor
from traitlets import Bool, Unicode

from paratrain.scenarios import answers as ans
from paratrain.scenarios import render
from paratrain.scenarios.assess import RoleplayOutcome, grade_roleplay
from paratrain.scenarios.keys import KEYS_DIR, course_key
from paratrain.scenarios.kinds import SCENARIO, parse_call
from paratrain.scenarios.model import Quiz, Scenario
from paratrain.scenarios.release import course_secret
from paratrain.witness.log import witness_check


def autograde_pipeline() -> list[Any]:
    """nbgrader's autograde preprocessors with :class:`Rescore` right after ``Execute``."""
    from nbgrader.converters.autograde import Autograde

    default = list(Autograde.class_traits()["autograde_preprocessors"].default())
    names = [getattr(p, "__name__", str(p)) for p in default]
    at = names.index("Execute") + 1 if "Execute" in names else 0
    return [*default[:at], Rescore, *default[at:]]


def outputs(html: str, points: float, count: int | None) -> list[dict[str, Any]]:
    """The cell outputs nbgrader scores: static HTML, then the points as the result."""
    from nbformat.v4 import new_output

    return [
        new_output("display_data", data={"text/html": html, "text/plain": "<paratrain result>"}),
        new_output(
            "execute_result", data={"text/plain": repr(float(points))}, execution_count=count
        ),
    ]


def score_roleplay_cell(
    root: Path,
    assignment: str,
    student: str,
    folder: Path,
    scenario_id: str,
    points: float,
    *,
    witness: str = "auto",
) -> tuple[RoleplayOutcome, str]:
    key = course_key(root, assignment, scenario_id, "scenario")
    out = grade_roleplay(
        key if isinstance(key, Scenario) else None,
        folder / f"{scenario_id}.transcript.json",
        points=points,
        trainee=student,
        scenario_id=scenario_id,
        strict=True,
        secret=course_secret(root / KEYS_DIR),
        witness=witness_check(root, student, witness),
        require_witness=witness == "require",
    )
    if out.problem is not None:
        return out, render.CSS + render.notice(f"{out.problem.explanation} (Details: {out.detail})")
    assert isinstance(key, Scenario) and out.state is not None
    html = render.static_transcript(
        key,
        out.state,
        score=out.points,
        points=points,
        levels=out.levels,
        harmful_tried=list(out.harmful_tried),
    )
    notes = list(out.notes)
    if not out.finished:
        notes.append("The role-play was not finished; the responses made so far are scored.")
    return out, "".join(render.notice(n) for n in notes) + html


def score_quiz_cell(
    root: Path, assignment: str, folder: Path, quiz_id: str, points: float
) -> tuple[float, str]:
    from paratrain.grading.cells import quiz_html

    key = course_key(root, assignment, quiz_id, "quiz")
    if not isinstance(key, Quiz):
        return 0.0, render.CSS + render.notice(
            "The answer key for this quiz was not found; it scores 0 until a supervisor "
            "re-runs grading."
        )
    return quiz_html(key, ans.answers_path(folder, quiz_id), points)


class Rescore(Preprocessor):
    """Score role-play and quiz cells from the course's keys, in the grading process."""

    enabled = Bool(True, help="Rescore role-play and quiz cells (on by default).").tag(config=True)
    witness = Unicode(
        "auto",
        help="Compare role-play transcripts with the course's witness record "
        "(paratrain.witness): 'auto' when the course has one, 'require' to score "
        "moves the witness never saw as 0, 'off' not at all.",
    ).tag(config=True)
    course_root = Unicode(
        "",
        help="The course folder whose keys/ grade role-plays and quizzes (set by "
        "'paratrain course init'). Empty: leave the kernel's outputs as they are.",
    ).tag(config=True)

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        if not self.course_root:
            self.log.warning(
                "paratrain Rescore: no course_root configured; role-play and "
                "quiz scores come from the trainee's kernel"
            )
            return nb, resources
        info = resources.get("nbgrader", {})
        folder = Path(resources.get("metadata", {}).get("path") or ".")
        assignment, student = str(info.get("assignment", "")), str(info.get("student", ""))
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
                continue
            # the cell's source, not its metadata: nbgrader's OverwriteCells has put the
            # source of every grade cell back as released, metadata a trainee may have edited
            call = parse_call(cell.source)
            if call is None:
                continue
            k, item, pts = call
            kind = k.grade_call
            try:
                if k is SCENARIO:
                    result, html = score_roleplay_cell(
                        Path(self.course_root),
                        assignment,
                        student,
                        folder,
                        item,
                        pts,
                        witness=self.witness,
                    )
                    earned = result.points
                else:
                    earned, html = score_quiz_cell(
                        Path(self.course_root), assignment, folder, item, pts
                    )
            except Exception as exc:  # one broken item must not stop the batch
                self.log.error("paratrain Rescore: %s %s: %r", kind, item, exc)
                earned, html = (
                    0.0,
                    render.CSS
                    + render.notice(
                        f"This item could not be scored ({exc.__class__.__name__}). It scores 0 "
                        "until a supervisor looks at it."
                    ),
                )
            cell.outputs = outputs(html, earned, cell.get("execution_count"))
        return nb, resources
