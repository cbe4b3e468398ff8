"""What a submission holds that the released assignment did not give: files and code cells.

A trainee hands in the folder nbgrader released to them, with their notebook answers, their
role-play transcripts and quiz answers, and nbgrader's ``timestamp.txt``. Anything else is
worth a supervisor's look: a file the release did not contain (a key of their own, a config
file), a released file that was changed (a scenario file with points added), or a code cell
added to a notebook (code runs in the grading kernel). Grading never reads any of these —
keys come from the course (:mod:`paratrain.scenarios.keys`) and role-play and quiz scores are
computed outside the kernel (:mod:`paratrain.grading.rescore`) — so they change no score; the
flags say someone tried.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path

from paratrain.scenarios import answers, transcript

# What a trainee's own work adds to the released folder.
EXPECTED = (
    f"*{transcript.SUFFIX}",
    f"*{answers.SUFFIX}",
    "timestamp.txt",
    "submission_secret.txt",
    "*.unreadable-*",
    "*.ipynb",
)
IGNORED_DIRS = {".ipynb_checkpoints", "__pycache__", "feedback", ".nbgrader-cache"}
MAX_LISTED = 20


@dataclass(frozen=True)
class Finding:
    kind: str  # "unexpected-file" | "changed-file" | "added-code"
    name: str
    why: str


def _files(folder: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder)
        if any(part in IGNORED_DIRS for part in rel.parts) or not p.is_file():
            continue
        out[rel.as_posix()] = p
    return out


def _cell_ids(path: Path) -> dict[str, str] | None:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        return {str(c.get("id")): str(c.get("cell_type")) for c in doc["cells"]}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError):
        return None


def inspect(release: Path, folder: Path) -> list[Finding]:
    """Compare a submission folder with the released assignment folder."""
    if not release.is_dir() or not folder.is_dir():
        return []
    given, handed = _files(release), _files(folder)
    found: list[Finding] = []
    for name, path in handed.items():
        if name in given:
            if name.endswith(".ipynb"):
                found += _added_code(given[name], path, name)
            elif path.read_bytes() != given[name].read_bytes():
                found.append(
                    Finding(
                        "changed-file",
                        name,
                        "a file the trainee received was changed before it was handed in",
                    )
                )
            continue
        if "/" not in name and any(fnmatch.fnmatch(name, pat) for pat in EXPECTED):
            continue
        found.append(
            Finding(
                "unexpected-file",
                name,
                "the released assignment has no such file (grading ignores it)",
            )
        )
    return found[:MAX_LISTED]


def _added_code(released: Path, handed: Path, name: str) -> list[Finding]:
    before, after = _cell_ids(released), _cell_ids(handed)
    if before is None or after is None:
        return []
    added = [cid for cid, kind in after.items() if kind == "code" and cid not in before]
    if not added:
        return []
    return [
        Finding(
            "added-code",
            name,
            f"{len(added)} code cell(s) added to the notebook "
            f"({', '.join(added[:5])}); code in a submission runs when it is graded",
        )
    ]
