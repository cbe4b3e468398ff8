"""One-line helpers for nbgrader autograder test cells.

nbgrader 0.9.6 scores a test cell from its outputs (``nbgrader/utils.py: determine_grade``):
any ``error`` output or **any stderr text** gives 0; otherwise the first ``execute_result``
that parses as a float is the score in points; a result that is not a number, or no result,
gives **full credit**. So these helpers

* always end with a plain ``float`` of points when grading (never ``None``, never text),
* never write to stderr (warnings are silenced inside, errors are caught and explained),
* show the transcript or answers as static HTML, which survives into feedback,
* and, when a trainee runs the cell before submitting (no key available), show a note and
  return ``None``, so no score is revealed.
"""

from __future__ import annotations

import warnings
from html import escape
from pathlib import Path

from paratrain.errors import ParatrainError, TranscriptError
from paratrain.scenarios import answers as ans
from paratrain.scenarios import files, render
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.assess import Problem, RoleplayOutcome, grade_roleplay
from paratrain.scenarios.keys import KEYS_DIR, grading_course, student_of
from paratrain.scenarios.model import Quiz, Scenario
from paratrain.scenarios.release import course_secret
from paratrain.settings import Settings

EXPLAIN = {p.value: p.explanation for p in Problem}
RoleplayResult = RoleplayOutcome  # the name earlier versions used


def under_nbgrader() -> bool:
    return Settings.from_env().nbgrader_execution is not None


def _display_html(html: str) -> None:
    try:
        from IPython.display import HTML, display
    except ImportError:  # pragma: no cover - IPython is a dependency of ipywidgets
        print(html)
        return
    display(HTML(html))


def score_roleplay(
    scenario_id: str, points: float, folder: str | Path, *, trainee: str | None = None
) -> tuple[RoleplayOutcome, str]:
    """Score a role-play transcript in ``folder``; returns the outcome and HTML to show."""
    base = Path(folder)
    key = files.find_key(scenario_id, base, "scenario")
    if key is not None and not isinstance(key, Scenario):
        key = None
    root = grading_course(base)
    out = grade_roleplay(
        key,
        tx.transcript_path(base, scenario_id),
        points=points,
        trainee=trainee or student_of(base),
        scenario_id=scenario_id,
        secret=course_secret(root / KEYS_DIR) if root else None,
    )
    if out.problem is not None:
        return out, render.notice(f"{out.problem.explanation} (Details: {out.detail})")
    assert key is not None and out.state is not None
    html = render.static_transcript(
        key,
        out.state,
        score=out.points,
        points=points,
        levels=out.levels,
        harmful_tried=list(out.harmful_tried),
    )
    if not out.finished:
        html = (
            render.notice("The role-play was not finished; the responses made so far are scored.")
            + html
        )
    for note in out.notes:
        html = render.notice(note) + html
    return out, html


def roleplay_points(scenario_id: str, points: float) -> float | None:
    """Score the role-play ``scenario_id`` for an nbgrader test cell worth ``points``.

    Returns the points earned (a float) when grading or validating, or ``None`` when a
    trainee runs the cell before submitting (the key is not available to trainees).
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            folder = Path.cwd()
            if not under_nbgrader() and files.find_key(scenario_id, folder) is None:
                _display_html(
                    render.CSS
                    + render.notice(
                        "Your responses are saved. This role-play is scored after you submit."
                    )
                )
                return None
            result, html = score_roleplay(scenario_id, points, folder)
            _display_html(html)
            return float(result.points)
        except ParatrainError as exc:
            _display_html(
                render.notice(
                    f"This role-play could not be scored: {exc}. It "
                    "scores 0 until a supervisor looks at it."
                )
            )
            return 0.0
        except Exception as exc:  # never let an error output zero the cell without a word
            _display_html(
                render.notice(
                    f"This role-play could not be scored ({exc!r}). It "
                    "scores 0 until a supervisor looks at it."
                )
            )
            return 0.0


def quiz_html(key: Quiz, path: Path, points: float) -> tuple[float, str]:
    """Mark the answers file at ``path`` against ``key``: (points earned, HTML to show)."""
    try:
        results = ans.check(key, ans.load(path), path)
    except TranscriptError as exc:
        word = {
            "missing": "No saved answers were found",
            "corrupt": "The saved answers could not be read",
        }.get(exc.kind, "The saved answers do not fit this quiz")
        return 0.0, render.notice(f"{word}, so this quiz scores 0. (Details: {exc.detail})")
    raw = sum(r.points for r in results)
    total = key.max_points
    earned = 0.0 if total <= 0 else round(points * raw / total, 2)
    rows = []
    for q, r in zip(key.questions, results, strict=True):
        chosen = ", ".join(o.text for o in q.options if o.id in r.selected) or "(no answer)"
        right = ", ".join(o.text for o in q.options if o.correct)
        mark = "✔" if r.correct else "✘"
        rows.append(
            f"<li><b>{mark} {escape(q.prompt)}</b><br>Your answer: "
            f"{escape(chosen)}<br>Correct: {escape(right)}<br>"
            f"<i>{escape(q.explanation or '')}</i></li>"
        )
    html = (
        render.CSS
        + f"<div class='pt-card'><h3>{escape(key.title)}</h3><ol>"
        + "".join(rows)
        + f"</ol><p><b>Score:</b> {earned:g} of {points:g} points "
        f"({raw} of {total} correct).</p></div>"
    )
    return earned, html


def score_quiz(quiz_id: str, points: float, folder: str | Path) -> tuple[float, str]:
    base = Path(folder)
    key = files.find_key(quiz_id, base, "quiz")
    if not isinstance(key, Quiz):
        return 0.0, render.notice(
            "The answer key for this quiz was not found; it scores 0 "
            "until a supervisor re-runs grading."
        )
    return quiz_html(key, ans.answers_path(base, quiz_id), points)


def quiz_points(quiz_id: str, points: float) -> float | None:
    """Score the quiz ``quiz_id`` for an nbgrader test cell worth ``points``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            folder = Path.cwd()
            if not under_nbgrader() and files.find_key(quiz_id, folder, "quiz") is None:
                _display_html(
                    render.CSS
                    + render.notice("Your answers are saved. This quiz is scored after you submit.")
                )
                return None
            earned, html = score_quiz(quiz_id, points, folder)
            _display_html(html)
            return float(earned)
        except Exception as exc:
            _display_html(
                render.notice(
                    f"This quiz could not be scored ({exc}). It scores 0 "
                    "until a supervisor looks at it."
                )
            )
            return 0.0
