"""Changing a course file and the gradebook together: a pending file and held-back signals.

A CSV file and a database cannot share one transaction, so "together" is built from two
things that can each be made atomic, in this order:

1. **Intent.** The new file is written in full beside the old one as ``<name>.pending``
   (atomically: temp file, fsync, rename). The real file is not touched.
2. **Database work**, in one database transaction. Anything that stops the process here
   (an error, Ctrl-C, SIGTERM) rolls the transaction back and removes the pending file:
   *neither* changed.
3. **Commit point.** With SIGINT, SIGTERM and SIGHUP held back (:func:`held_signals`), the
   transaction is committed and ``<name>.pending`` is renamed over ``<name>``; held signals
   are delivered afterwards, when both are done: *both* changed.

Only a process killed outright (SIGKILL, power loss) between the commit and the rename can
leave a pending file behind. The next operation on the file calls :func:`recover` with a
check of whether the database has the pending change: if it has, the rename is finished
(roll forward); if not, the pending file is discarded (roll back). Either way the file and
the database agree again before anything else reads them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text

HELD = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold back SIGINT, SIGTERM and SIGHUP for a short critical section.

    Signals that arrive meanwhile are delivered (and the handlers from before the block run)
    when the block ends. Python runs signal handlers only in the main thread, whichever thread
    the operating system handed the signal to, so the block swaps in a handler that only
    notes the signal, then restores the old handlers and raises the noted signals again.
    (Blocking the signals with ``pthread_sigmask`` is not enough: it blocks them for the
    calling thread only, and with any other thread running the system delivers a signal sent
    to the process to that thread, after which Python runs the handler in the main thread,
    inside the block.) Outside the main thread, where handlers cannot be changed, this does
    nothing. A signal whose handler was not set from Python is left alone.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []

    def note(signum: int, _frame: object) -> None:
        noted.append(signum)

    old: dict[signal.Signals, Any] = {}
    try:
        for sig in HELD:
            if signal.getsignal(sig) is not None:
                old[sig] = signal.signal(sig, note)
        yield
    finally:
        for held, handler in old.items():
            signal.signal(held, handler)
        for signum in dict.fromkeys(noted):  # each once, in the order they came
            signal.raise_signal(signum)


def pending_path(path: Path) -> Path:
    return path.with_name(path.name + ".pending")


def write_pending(path: Path, text: str) -> Path:
    """Step 1: the new content, in full, beside the file it will replace."""
    pending = pending_path(path)
    atomic_write_text(pending, text)
    return pending


def publish(path: Path) -> None:
    """Step 3 (call inside :func:`held_signals`, right after the commit)."""
    pending_path(path).replace(path)
    with contextlib.suppress(OSError):
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def discard(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        pending_path(path).unlink()


def recover(path: Path, committed: Callable[[str], bool]) -> str | None:
    """Finish or undo a change a killed process left half-done.

    ``committed(text)`` says whether the database already holds the change in the pending
    text. Returns ``"forward"`` or ``"back"`` when there was something to recover, else None.
    """
    pending = pending_path(path)
    try:
        text = pending.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        discard(path)  # a pending file that cannot be read was never published
        return "back"
    if committed(text):
        publish(path)
        return "forward"
    discard(path)
    return "back"
