"""The one place grading finds a scenario's or quiz's key (feedback, evidence, points).

Keys come only from a course the *grader* set up — ``<course>/keys/<assignment>/`` (or the
course's own ``source/<assignment>/`` when that copy still carries its key) — never from a
file that arrived with a submission. The grading process names the course explicitly
(:class:`paratrain.grading.rescore.Rescore`, from the course's ``nbgrader_config.py``; the
supervision code from the course it opened); a grading kernel takes it from
``PARATRAIN_COURSE_ROOT`` or from where nbgrader runs it (:func:`grading_course`).

Without a configured course, a key beside the notebook is used only when nothing is being
recorded: an author validating the repository's sources (``nbgrader validate``) or trying a
practice item. ``nbgrader autograde`` without a course gets no key, and scores 0.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from paratrain.scenarios.kinds import Item, kind
from paratrain.settings import Settings

COURSE_ENV = Settings.env_name("course_root")
KEYS_DIR = "keys"


def suffix_for(kind_name: str) -> str:
    return kind(kind_name).suffix


@lru_cache(maxsize=512)
def _load(path: Path, kind_name: str, mtime_ns: int) -> Item:
    return kind(kind_name).load(path)


def load_item(path: Path, kind: str) -> Item:
    """Load a scenario or quiz, cached until the file changes."""
    return _load(path, kind, path.stat().st_mtime_ns)


def course_key(
    root: str | Path, assignment: str, item_id: str, kind: str = "scenario"
) -> Item | None:
    """The key of ``item_id`` in a course: ``keys/<assignment>/``, else the course's source
    copy if it still carries its key; None if neither has one."""
    base = Path(root)
    name = item_id + suffix_for(kind)
    for path in (base / KEYS_DIR / assignment / name, base / "source" / assignment / name):
        if path.is_file():
            item = load_item(path, kind)
            if item.has_key:
                return item
    return None


def configured_course() -> Path | None:
    return Settings.from_env().course_root


def grading_course(folder: str | Path) -> Path | None:
    """The course a grading kernel works for: ``PARATRAIN_COURSE_ROOT`` when set, else, when
    nbgrader is autograding, the course folder that holds ``folder`` as
    ``<course>/autograded/<student>/<assignment>`` (it must be a paratrain course). The
    trainee controls files inside the assignment folder only, never the folders above it."""
    root = configured_course()
    if root is not None:
        return root
    if Settings.from_env().nbgrader_execution != "autograde":
        return None
    base = Path(folder).resolve()
    if len(base.parents) < 3 or base.parents[1].name != "autograded":
        return None
    course = base.parents[2]
    return course if (course / "paratrain.json").is_file() else None


def grading_key(item_id: str, folder: str | Path, kind: str = "scenario") -> Item | None:
    """The key for grading the item in ``folder`` (a notebook's folder) from a kernel.

    With a configured course: that course's key for the assignment the folder is (nbgrader
    grades in ``<course>/autograded/<student>/<assignment>/``). Otherwise: a keyed file beside
    the notebook, unless nbgrader is autograding (then None: grading needs a course).
    """
    base = Path(folder)
    root = grading_course(base)
    if root is not None:
        return course_key(root, base.name, item_id, kind)
    if Settings.from_env().nbgrader_execution == "autograde":
        return None
    for path in (
        base / (item_id + suffix_for(kind)),
        base / "scenarios" / (item_id + suffix_for(kind)),
    ):
        if path.is_file():
            item = load_item(path, kind)
            return item if item.has_key else None
    return None


def student_of(folder: str | Path) -> str | None:
    """The nbgrader student a grading folder belongs to (``.../autograded/<student>/<a>``)."""
    base = Path(folder).resolve()
    root = grading_course(base)
    if root is None:
        return None
    try:
        rel = base.relative_to(root.resolve())
    except ValueError:
        return None
    parts = rel.parts
    return parts[1] if len(parts) == 3 and parts[0] in ("autograded", "submitted") else None
