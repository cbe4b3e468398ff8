"""Community resource directories (Open Referral HSDS 3.0) and closed-loop referral tracking.

Load a directory, search it, and follow a referral through its statuses::

    from paratrain.referral import load_directory, search
    riverbend = load_directory()                 # the fictional town of Riverbend
    search(riverbend, needs=["food"], language="Spanish", open_now=True)

In a notebook, ``directory_search()`` and ``referral_tracker()`` give trainees the same as
forms and buttons. Point every notebook at a program's own HSDS 3.0 export by setting the
environment variable ``PARATRAIN_DIRECTORY`` to its folder.

This subpackage imports nothing of paratrain's except :mod:`paratrain.errors`.
"""

from __future__ import annotations

from .categories import CATEGORIES, Category
from .directory import Directory, default_path, load_directory
from .geo import places
from .matching import COLUMNS, search
from .tracking import (
    NEXT_STEPS,
    TRANSITIONS,
    Referral,
    Status,
    StatusChange,
    allowed_moves,
    change_status,
    from_json,
    new_referral,
    next_step,
    to_json,
)
from .validation import Findings, Problem, check_directory

__all__ = [
    "CATEGORIES",
    "COLUMNS",
    "NEXT_STEPS",
    "TRANSITIONS",
    "Category",
    "Directory",
    "Findings",
    "Problem",
    "Referral",
    "Status",
    "StatusChange",
    "allowed_moves",
    "change_status",
    "check_directory",
    "default_path",
    "directory_search",
    "from_json",
    "load_directory",
    "new_referral",
    "next_step",
    "places",
    "referral_tracker",
    "search",
    "to_json",
]


def __getattr__(name: str) -> object:
    """Import the widgets only when asked for, so plain use does not need ipywidgets loaded."""
    if name in ("directory_search", "referral_tracker"):
        from . import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
