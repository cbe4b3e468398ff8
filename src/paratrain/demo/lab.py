"""JupyterLab on one machine for the demo cohort: configuration folders and the commands that
open it, written so that they work when pasted into a new shell.

Two kinds of lab, each with its own Jupyter configuration folder (``JUPYTER_CONFIG_PATH`` in
the command, so the user's own ``~/.jupyter`` is left alone):

``trainee``
    In a trainee's home folder: their fetched assignments and nbgrader's Assignments tab, no
    formgrader, no create-assignment tools, no course list.
``supervisor``
    In the course folder: nbgrader's formgrader and the supervisor review notebook; no
    Assignments tab (supervisors do not submit).

Each configuration folder holds::

    jupyter_server_config.json   which nbgrader server extensions load; no news, no update
                                 check; JupyterLab user settings kept in this folder
    labconfig/page_config.json   which nbgrader JupyterLab plugins are off (as on the hub)
    lab/user-settings/@jupyterlab/apputils-extension/notification.jupyterlab-settings
                                 fetchNews "false": JupyterLab never asks about its news

The plugin lists are the hub's (:mod:`paratrain.hub.render`), so a local lab and a hub show
trainees and supervisors the same panels.
"""

from __future__ import annotations

import json
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

from paratrain.atomic import atomic_write_text
from paratrain.hub.render import NBG, SERVER_EXTENSIONS, page_config

# local lab kind -> the hub's kind of server with the same panels
HUB_KIND = {"trainee": "trainee", "supervisor": "course"}
NOTIFICATION = Path("@jupyterlab", "apputils-extension", "notification.jupyterlab-settings")
NO_NEWS = {"fetchNews": "false", "checkForUpdates": False}


@dataclass(frozen=True)
class LabCommand:
    """How to open one lab: what it is for, and the shell command."""

    title: str
    command: str


def jupyter_program() -> list[str]:
    """The ``jupyter`` of this Python's environment, by full path (no activation needed)."""
    program = Path(sys.executable).parent / "jupyter"
    return [str(program)] if program.exists() else [sys.executable, "-m", "jupyter"]


def server_config(kind: str, folder: Path) -> dict[str, object]:
    extensions = SERVER_EXTENSIONS[HUB_KIND[kind]]
    return {
        "ServerApp": {"jpserver_extensions": {NBG + n: on for n, on in extensions.items()}},
        "LabApp": {
            "news_url": None,
            "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
            "user_settings_dir": str(folder / "lab" / "user-settings"),
        },
    }


def write_lab_config(folder: Path, kind: str) -> Path:
    """Write the Jupyter configuration folder for one kind of lab; return it."""
    folder = folder.resolve()
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    atomic_write_text(
        folder / "jupyter_server_config.json",
        json.dumps(server_config(kind, folder), indent=2) + "\n",
    )
    atomic_write_text(folder / "labconfig" / "page_config.json", page_config(HUB_KIND[kind]))
    settings = folder / "lab" / "user-settings" / NOTIFICATION
    settings.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(settings, json.dumps(NO_NEWS, indent=2) + "\n")
    return folder


def trainee_nbgrader_config(*, exchange: Path, course_id: str, student: str, home: Path) -> str:
    """nbgrader's configuration for one trainee's lab on this machine (in their home): the
    course's exchange, and the cache the demo's submissions were recorded in."""
    return (
        "# nbgrader configuration for this trainee's JupyterLab, written by paratrain demo.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
        "c.Exchange.path_includes_course = True\n"
        f"c.Exchange.cache = {str(home / '.nbgrader-cache')!r}\n"
        f"c.CourseDirectory.course_id = {course_id!r}\n"
        "# Everyone on this machine is the same OS user: say which trainee this home is.\n"
        f"c.CourseDirectory.student_id = {student!r}\n"
    )


def lab_command(folder: Path, config: Path) -> str:
    """``cd FOLDER && JUPYTER_CONFIG_PATH=CONFIG /full/path/jupyter lab`` (``--allow-root``
    when run as root, which JupyterLab otherwise refuses)."""
    words = [*jupyter_program(), "lab"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        words.append("--allow-root")
    return (
        f"cd {shlex.quote(str(folder))} && "
        f"JUPYTER_CONFIG_PATH={shlex.quote(str(config))} " + " ".join(shlex.quote(w) for w in words)
    )
