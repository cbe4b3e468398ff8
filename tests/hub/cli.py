"""paratrain's own CLI (cli.main), as the hub tests call it."""

from __future__ import annotations

from collections.abc import Sequence

from paratrain import cli


def main(argv: Sequence[str]) -> int:
    return cli.main(list(argv))
