"""The one error the hub package adds to paratrain's tree (see :mod:`paratrain.errors`).

::

    ParatrainError
    └── HubError        a hub could not be configured, installed, started or stopped

It lives here only because ``paratrain/errors.py`` belongs to another part of the project;
it is meant to move there unchanged.
"""

from __future__ import annotations

from paratrain.errors import ParatrainError


class HubError(ParatrainError):
    """A hub could not be configured, its proxy installed, or the hub started or stopped.

    Attributes
    ----------
    log:
        The log file to read, when a process failed.
    """

    def __init__(self, message: str, *, hint: str = "", log: str | None = None) -> None:
        self.log = log
        if log and not hint:
            hint = f"see the log in {log}"
        super().__init__(message, hint=hint)
