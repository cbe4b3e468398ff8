"""Supervision: safety flags, rubric scores, competency review and sign-off, the review queue,
rater agreement and the supervision log, kept in paratrain's own append-only store.

The public API is small; everything else is reached through its module::

    from paratrain.supervision import raise_flags, open_store
    new = raise_flags(course)          # after every grading run
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from paratrain.supervision.flags import Flag, FlagView, list_flags, raise_flags, resolve_flag
    from paratrain.supervision.store import Store, open_store

__all__ = ["Flag", "FlagView", "Store", "list_flags", "open_store", "raise_flags", "resolve_flag"]

_WHERE = {
    "Flag": "flags",
    "FlagView": "flags",
    "list_flags": "flags",
    "raise_flags": "flags",
    "resolve_flag": "flags",
    "Store": "store",
    "open_store": "store",
}


def __getattr__(name: str) -> Any:
    # lazy: importing the package loads neither SQLAlchemy nor pandas
    if name in _WHERE:
        return getattr(importlib.import_module(f"paratrain.supervision.{_WHERE[name]}"), name)
    raise AttributeError(name)
