"""Every error paratrain raises on purpose, under one root.

::

    ParatrainError
    ├── InputError                 a file a user or trainee gave us is not usable
    │   ├── ScenarioError          a scenario or quiz file (names file, line, node/choice id)
    │   │   └── MoveError          a move the role-play does not allow from where it is
    │   ├── TranscriptError        a transcript or answers file (missing, corrupt, tampered)
    │   ├── NotebookError          a lesson source or notebook
    │   ├── RosterError            a roster CSV (names row and column)
    │   └── DirectoryError         a resource directory / HSDS datapackage (table, row, field)
    ├── CourseError                a course directory is missing, or an operation would lose work
    │   └── NothingToReportError   a report was asked for before there is anything to report
    ├── GradingError               a grading run could not be carried out
    ├── ReferralStatusError        a referral moved through a status change that is not allowed
    ├── SignOffError               a module cannot be signed off yet (lists the unmet criteria)
    ├── HubError                   a hub could not be configured, installed, started or stopped
    └── StoreError                 paratrain's own database could not be used

Errors carry structured fields and a message that says what to do next. The library raises;
only the edges (:mod:`paratrain.cli` and the notebook widgets) turn errors into exit codes or
messages.
"""

from __future__ import annotations

from pathlib import Path


class ParatrainError(Exception):
    """Root of every error paratrain raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        if hint:
            self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  hint: {self.hint}" if self.hint else self.message


class InputError(ParatrainError):
    """A file given to us is not usable. Names the file and, where known, the line."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str = "",
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        where = self.path or "<input>"
        if line is not None:
            where += f":{line}"
        super().__init__(f"{where}: {message}", hint=hint)
        self.detail = message


class ScenarioError(InputError):
    """A scenario or quiz file is malformed.

    Attributes
    ----------
    node_id, choice_id:
        The node and choice the problem is in, when it is in one.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        node_id: str | None = None,
        choice_id: str | None = None,
        hint: str = "",
    ) -> None:
        self.node_id = node_id
        self.choice_id = choice_id
        where = ""
        if node_id:
            where = f"node '{node_id}'"
            if choice_id:
                where += f", choice '{choice_id}'"
            where += ": "
        super().__init__(where + message, path=path, line=line, hint=hint)
        self.detail = message


class MoveError(ScenarioError):
    """A move that is not allowed from the current state of a role-play (an unknown or
    hidden choice, a choice where a reply is asked for, stepping back in an assessment)."""


class TranscriptError(InputError):
    """A transcript or answers file is missing, unreadable or does not fit its scenario."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        kind: str = "corrupt",
        hint: str = "",
    ) -> None:
        self.kind = kind  # a paratrain.scenarios.outcome.Problem value
        super().__init__(message, path=path, hint=hint)


class NotebookError(InputError):
    """A lesson source or notebook cannot be built or read."""


class _WithProblems(InputError):
    """An input error that lists every problem found, not just the first."""

    MAX_SHOWN = 50

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        problems: list[str] | None = None,
        hint: str = "",
    ) -> None:
        self.problems = problems or []
        super().__init__(message, path=path, hint=hint)

    def __str__(self) -> str:
        lines = [f"  - {p}" for p in self.problems[: self.MAX_SHOWN]]
        if len(self.problems) > self.MAX_SHOWN:
            lines.append(f"  ... and {len(self.problems) - self.MAX_SHOWN} more")
        return "\n".join([super().__str__(), *lines])


class RosterError(_WithProblems):
    """A roster file has bad rows; ``problems`` lists every one found (row and column)."""


class DirectoryError(_WithProblems):
    """A resource directory is invalid; ``problems`` lists table, row and field for each."""


class CourseError(ParatrainError):
    """A course directory is missing or an operation on it would lose work."""


class NothingToReportError(CourseError):
    """A report was asked for before there is anything to report (no gradebook, no trainee or
    no released assignment yet). Not a fault: the message says what to do next."""


class GradingError(ParatrainError):
    """A grading run could not be carried out."""


class ReferralStatusError(ParatrainError):
    """A referral status change that the rules do not allow."""


class SignOffError(ParatrainError):
    """A module cannot be signed off yet; ``unmet`` lists the criteria still open."""

    def __init__(self, message: str, *, unmet: list[str], hint: str = "") -> None:
        self.unmet = unmet
        super().__init__(message, hint=hint)


class StoreError(ParatrainError):
    """paratrain's own database could not be used."""


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
