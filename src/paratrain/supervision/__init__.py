"""Supervision: safety flags, rubric scores, competency review and sign-off, the review queue,
rater agreement and the supervision log, kept in paratrain's own append-only store.

The public API is small; everything else is reached through its module::

    from paratrain.supervision import raise_flags, open_store
    new = raise_flags(course)          # after every grading run
"""

from __future__ import annotations

from paratrain.supervision.flags import Flag, FlagView, list_flags, raise_flags, resolve_flag
from paratrain.supervision.store import Store, open_store

__all__ = ["Flag", "FlagView", "Store", "list_flags", "open_store", "raise_flags",
           "resolve_flag"]
