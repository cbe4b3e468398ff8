"""Atomic file writes: temporary file in the same folder, fsync, rename, fsync the folder.

A reader (or a crash at any instant) sees either the old file or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically and durably."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def atomic_write_text(path: str | Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_aside(path: str | Path, label: str) -> Path:
    """Rename a file to ``<name>.<label>-<n>`` without overwriting anything; return the new path."""
    src = Path(path)
    n = 1
    while True:
        dest = src.with_name(f"{src.name}.{label}-{n}")
        try:
            os.link(src, dest)  # fails if dest exists: never overwrites
        except FileExistsError:
            n += 1
            continue
        except OSError:
            if dest.exists():
                n += 1
                continue
            os.rename(src, dest)
            return dest
        os.unlink(src)
        return dest


def remove_stale_temps(path: str | Path) -> int:
    """Delete temporary files left by writes to ``path`` that were killed mid-way."""
    target = Path(path)
    n = 0
    for tmp in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            n += 1
    return n
