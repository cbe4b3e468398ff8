"""``paratrain settings``: the settings paratrain reads from the environment, and their values."""

from __future__ import annotations

import argparse
from typing import Any

from paratrain.cli.defaults import settings
from paratrain.cli.output import out


def cmd_settings(args: argparse.Namespace) -> int:
    rows = settings(args).describe()
    lines = []
    for r in rows:
        value = r["value"] if r["set"] else f"(not set{': ' + r['value'] if r['value'] else ''})"
        lines += [f"{r['env']:<30} {value}", f"    {r['help']}"]
    out(args, rows, "\n".join(lines))
    return 0


def register(sub: Any) -> None:
    """Add ``settings`` to paratrain's subparsers."""
    p = sub.add_parser(
        "settings",
        help="the environment variables paratrain reads, their current values and what each is for",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_settings)
