"""Progress for long commands (grade, release, collect, feedback, report), drawn only here.

The library reports progress through a plain callback, ``progress(done, total, label)``; a
:class:`Steps` is such a callback. On a terminal it draws a bar with the count, the rate and
the time left (rich); when stderr is not a terminal (a log file, CI, a pipe) it prints one
``[i/n] label`` line per item; with ``--json`` it prints nothing. Everything goes to stderr,
so stdout carries only the command's result.
"""

from __future__ import annotations

import argparse
import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

from paratrain.cli.output import wants_json

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


def _rate_column() -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second, or per minute when slower than one a second."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            if not speed:
                return Text("-/s", style="progress.data.speed")
            shown = f"{speed:.1f}/s" if speed >= 1 else f"{speed * 60:.1f}/min"
            return Text(shown, style="progress.data.speed")

    return RateColumn()


class Steps:
    """A progress display for one command; call it as ``steps(done, total, label)``.

    Use it as a context manager so a terminal bar is closed (and the cursor restored) even
    when the command fails.
    """

    def __init__(
        self,
        args: argparse.Namespace,
        what: str,
        *,
        total: int | None = None,
        terminal: bool | None = None,
    ) -> None:
        self.what = what
        self.total = total
        self.quiet = wants_json(args)
        self.terminal = (sys.stderr.isatty() if terminal is None else terminal) and not self.quiet
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Steps:
        if self.terminal:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                _rate_column(),
                TextColumn("elapsed"),
                TimeElapsedColumn(),
                TextColumn("left"),
                TimeRemainingColumn(),
                TextColumn("{task.fields[label]}", style="dim"),
                console=Console(file=sys.stderr),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.what, total=self.total, label="")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __call__(self, done: int, total: int, label: str) -> None:
        """``done`` of ``total`` items are finished; ``label`` says which one just was."""
        self.total = total
        if self.quiet:
            return
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total, label=label)
        else:
            print(f"[{done}/{total}] {label}", file=sys.stderr, flush=True)

    def say(self, line: str) -> None:
        """A line that stays (a failure, a warning): above the bar, or on its own line."""
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr, flush=True)
