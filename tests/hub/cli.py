"""paratrain's own CLI (cli.main), with the hub group registered if cli.py does not yet."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from paratrain import cli
from paratrain.hub.commands import register


def _has_hub(parser: argparse.ArgumentParser) -> bool:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return "hub" in action.choices
    return False


def main(argv: Sequence[str]) -> int:
    parser = cli.build_parser()
    if _has_hub(parser):
        return cli.main(list(argv))
    original = cli.build_parser

    def build() -> argparse.ArgumentParser:
        p = original()
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                register(action)
        return p

    cli.build_parser = build
    try:
        return cli.main(list(argv))
    finally:
        cli.build_parser = original
