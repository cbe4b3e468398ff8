#!/usr/bin/env python
"""Refresh the screenshots in docs/screenshots/ — the only way they change.

    .venv/bin/python -m tools.screenshots                  # every screenshot test, then copy
    .venv/bin/python -m tools.screenshots reports player   # only these groups
    .venv/bin/python -m tools.screenshots --copy-only      # copy what build/ already holds

Test runs save screenshots to build/screenshots/ (git-ignored; see tests/browser/lab.py), so
running the tests leaves the work tree clean. This command runs the tests that take
screenshots (real JupyterLab, nbgrader and, for ``hub``, JupyterHub, in Debian's headless
chromium), and copies each picture that README.md or docs/*.md shows into docs/screenshots/,
saying which ones changed. Look at them before committing.
"""

from __future__ import annotations

import argparse
import filecmp
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "screenshots"
DOCS = ROOT / "docs" / "screenshots"

# group -> the pytest arguments of the tests that save its screenshots
GROUPS: dict[str, list[str]] = {
    "reports": ["tests/reports/test_screenshots.py"],
    "player": ["tests/browser/test_player_in_lab.py", "tests/browser/test_measurement_in_lab.py"],
    "lessons": ["tests/curriculum/test_lesson_screenshots.py"],
    "hub": ["tests/hub/test_real_hub.py", "-k", "browser"],
}


def run_tests(groups: list[str]) -> int:
    """Run each group's tests with the same Python; return the first non-zero exit code."""
    code = 0
    for group in groups:
        print(f"[{group}] python -m pytest {' '.join(GROUPS[group])}", flush=True)
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", *GROUPS[group]], cwd=ROOT)
        code = code or proc.returncode
    return code


def referenced() -> set[str]:
    """Names of the screenshots the README and docs show (``screenshots/<name>.png``)."""
    texts = [
        p.read_text(encoding="utf-8")
        for p in (ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")))
    ]
    return {m for t in texts for m in re.findall(r"screenshots/([\w.-]+\.png)", t)}


def copy_to_docs() -> tuple[list[str], list[str], list[str]]:
    """Copy the screenshots the docs show from build/screenshots/ into docs/screenshots/;
    return (changed, unchanged, not shown in any doc and so left in build/)."""
    DOCS.mkdir(parents=True, exist_ok=True)
    changed, same, unused = [], [], []
    shown = referenced()
    for shot in sorted(BUILD.glob("*.png")):
        if shot.name not in shown:
            unused.append(shot.name)
            continue
        dest = DOCS / shot.name
        if dest.is_file() and filecmp.cmp(shot, dest, shallow=False):
            same.append(shot.name)
            continue
        shutil.copyfile(shot, dest)
        changed.append(shot.name)
    return changed, same, unused


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "groups",
        nargs="*",
        metavar="GROUP",
        help=f"which screenshots ({', '.join(GROUPS)}; default: all)",
    )
    parser.add_argument(
        "--copy-only", action="store_true", help="run no test; copy what build/screenshots/ holds"
    )
    args = parser.parse_args(argv)
    unknown = sorted(set(args.groups) - set(GROUPS))
    if unknown:
        parser.error(f"unknown group(s) {', '.join(unknown)}; choose from {', '.join(GROUPS)}")
    groups = args.groups or list(GROUPS)
    if not args.copy_only:
        for old in BUILD.glob("*.png"):  # copy only what this run took
            old.unlink()
        code = run_tests(groups)
        if code:
            print(f"tests failed (exit {code}): docs/screenshots/ left as it was", file=sys.stderr)
            return code
    changed, same, unused = copy_to_docs()
    for name in changed:
        print(f"updated docs/screenshots/{name}")
    for name in unused:
        print(f"not shown in any doc, left in build/screenshots/: {name}")
    print(
        f"{len(changed)} updated, {len(same)} unchanged; review them with `git diff --stat "
        "docs/screenshots` and look at each before committing"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
