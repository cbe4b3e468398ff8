"""What every command prints, in one place.

A command's *result* goes to stdout: its text, or with ``--json`` one JSON document and nothing
else. *Notes* (what a long command is doing now) go to stderr, and not at all with ``--json``,
so ``paratrain grade --json | jq`` reads clean JSON and a terminal still shows the work.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def out(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print a command's result: ``data`` as JSON with ``--json``, else ``text``."""
    if wants_json(args):
        print(json.dumps(data, indent=2, default=str))
    else:
        print(text)


def note(args: argparse.Namespace, message: str) -> None:
    """A line saying what is happening, on stderr; nothing with ``--json``."""
    if not wants_json(args):
        print(message, file=sys.stderr, flush=True)


def notes(args: argparse.Namespace) -> Callable[[str], None] | None:
    """``note`` as a callback for library functions that take ``progress=``; None with
    ``--json`` (the library then says nothing)."""
    if wants_json(args):
        return None
    return lambda message: note(args, message)
