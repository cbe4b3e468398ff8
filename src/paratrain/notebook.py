"""What lesson and assignment notebooks call. One line per cell; no logic in notebooks.

    from paratrain.notebook import banner, play, quiz, roleplay_points, quiz_points
    play("first-contact-practice")

Files are looked up beside the notebook (the kernel's working folder), then in ``scenarios/``.
Transcripts and answers are written beside the notebook so nbgrader submits them with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paratrain.errors import ParatrainError
from paratrain.grading.cells import quiz_points, roleplay_points, under_nbgrader
from paratrain.scenarios import files, render
from paratrain.scenarios.answers import answers_path
from paratrain.scenarios.lint import check_loaded
from paratrain.scenarios.loader import load_quiz, load_scenario
from paratrain.scenarios.transcript import transcript_path

__all__ = [
    "banner",
    "directory_search",
    "finish",
    "play",
    "quiz",
    "quiz_points",
    "referral_tracker",
    "roleplay_points",
]

BANNER = (
    "<b>Training material.</b> Every person, place and service in these notebooks is "
    "fictional. Never type real client information here: no real names, phone numbers, "
    "addresses, dates of birth or case details. If you or someone you are with is in crisis, "
    "call or text 988; in an emergency call 911."
)


class _Shown:
    """Displays HTML when it is the last thing in a cell (and nothing otherwise)."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return "<paratrain message>"


RELOAD_NOTE = (
    "<style>.jp-OutputArea:has(.pt-player) .pt-reload-note,"
    ".jp-OutputArea:has(.pt-quiz) .pt-reload-note{display:none}</style>"
    '<div class="pt-notice pt-reload-note" role="note"><b>Press Run All to continue</b> '
    "(menu <b>Run</b> › <b>Run All Cells</b>). Your choices are saved: the role-play picks up "
    "exactly where you left it. (After a page reload the page cannot show it until it runs "
    "again; an \u201cError displaying widget\u201d message below means the same.)</div>"
)

# Players shown in this kernel, in order: finish() takes the trainee back to the first.
_SHOWN: list[Any] = []


class _WidgetHandle:
    """Wraps a Player or QuizView so the cell shows the widget, and tests can reach it.

    The cell shows a note first that says to press Run All; a style in the note hides it
    whenever the widget beside it is live, so it appears exactly when the widget cannot be
    shown (a plain page reload: the page has the saved output but no kernel state)."""

    def __init__(self, view: Any) -> None:
        self.view = view

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        display(HTML(RELOAD_NOTE))
        display(self.view.widget)
        if hasattr(self.view, "focus_start"):
            _SHOWN.append(self.view)

    def __repr__(self) -> str:
        return f"<paratrain {type(self.view).__name__}>"


def banner() -> _Shown:
    """The reminder shown at the top of every notebook."""
    return _Shown(render.CSS + f'<div class="pt-notice" role="note">{BANNER}</div>')


def _folder(folder: str | Path | None) -> Path:
    return Path(folder) if folder is not None else Path.cwd()


def trainee_id() -> str:
    """Who is playing: ``PARATRAIN_TRAINEE`` if set, else the JupyterHub user (nbgrader's
    student id on a hub), else the login name (nbgrader's student id on one machine)."""
    import getpass

    from paratrain.settings import Settings

    settings = Settings.from_env()
    if settings.trainee or settings.hub_user:
        return str(settings.trainee or settings.hub_user)
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a stripped-down container
        return "trainee"


def play(scenario_id: str, *, folder: str | Path | None = None) -> _WidgetHandle | _Shown:
    """Show the role-play player for ``scenario_id``; choices are saved beside the notebook."""
    from paratrain.scenarios.widget import Player

    base = _folder(folder)
    if under_nbgrader():
        return _Shown(
            render.CSS
            + render.notice(
                "Role-play: the trainee's saved responses are shown with the score in the graded "
                "cell below."
            )
        )
    try:
        path = files.find(scenario_id, base, "scenario")
        scenario = load_scenario(path)
        check_loaded(scenario, path)
        return _WidgetHandle(
            Player(
                scenario,
                transcript_path(base, scenario_id),
                trainee=trainee_id(),
                on_saved=_witness(base),
            )
        )
    except ParatrainError as exc:
        return _Shown(
            render.CSS
            + render.notice(f"This role-play cannot start: {exc}. Please tell your trainer.")
        )


def quiz(quiz_id: str, *, folder: str | Path | None = None) -> _WidgetHandle | _Shown:
    """Show the quiz ``quiz_id``; answers are saved beside the notebook."""
    from paratrain.scenarios.quiz_widget import QuizView

    base = _folder(folder)
    if under_nbgrader():
        return _Shown(
            render.CSS
            + render.notice(
                "Quiz: the trainee's saved answers are shown with the score in the graded cell "
                "below."
            )
        )
    try:
        path = files.find(quiz_id, base, "quiz")
        return _WidgetHandle(QuizView(load_quiz(path), answers_path(base, quiz_id)))
    except ParatrainError as exc:
        return _Shown(
            render.CSS + render.notice(f"This quiz cannot start: {exc}. Please tell your trainer.")
        )


def _witness(folder: Path) -> Any:
    """The course's witness sender, when the hub (or a program) names one."""
    from paratrain.settings import Settings

    settings = Settings.from_env()
    if not settings.witness_url:
        return None
    from paratrain.witness.client import Sender

    # nbgrader fetches into <home>/<course id>/<assignment>/
    return Sender(
        settings.witness_url,
        course=folder.resolve().parent.name,
        token=settings.hub_api_token,
        trainee=None if settings.hub_api_token else trainee_id(),
    )


def finish() -> None:
    """The last cell of a lesson: after Run All, bring the trainee to the first role-play
    (keyboard focus on its first option, which scrolls it into view) instead of leaving
    them at the references."""
    if _SHOWN:
        _SHOWN[0].focus_start()


def directory_search() -> Any:
    """The resource-directory search form (module 7)."""
    from paratrain.referral.widgets import directory_search as _ds

    return _ds()


def referral_tracker() -> Any:
    """A fictional referral to move through its statuses (module 7)."""
    from paratrain.referral.widgets import referral_tracker as _rt

    return _rt()
