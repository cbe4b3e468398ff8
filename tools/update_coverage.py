#!/usr/bin/env python
"""Rewrite the generated coverage tables in curriculum/README.md.

    .venv/bin/python tools/update_coverage.py          # rewrite
    .venv/bin/python tools/update_coverage.py --check  # exit 1 if the README is out of date

The tables are built from lesson and assignment front matter and the scenario files (see
``paratrain.curriculum_map``); tests/curriculum/test_coverage.py checks they are current.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paratrain.curriculum_map import README, render_readme, update_readme

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository checkout")
    parser.add_argument("--check", action="store_true", help="only check; write nothing")
    args = parser.parse_args(argv)
    path = args.root / README
    if args.check:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != render_readme(args.root):
            print(f"{path} is out of date; run: python tools/update_coverage.py")
            return 1
        print(f"{path} is up to date")
        return 0
    changed = update_readme(args.root)
    print(f"{'wrote' if changed else 'unchanged:'} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
