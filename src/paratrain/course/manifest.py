"""``paratrain.json``: the versioned manifest that makes a folder a paratrain course.

Version 1 (written by this release)::

    {
      "schema_version": 1,
      "course_id": "riverbend-2027-spring",   # nbgrader course id
      "exchange": "/srv/exchange",            # absolute path of the nbgrader exchange
      "db_url": "sqlite:////srv/course/gradebook.db",
      "repo": "/srv/paratrain",               # optional: where the sources came from
      "assignments": ["m01-...", "..."]       # optional: what was installed
    }

Version 0 is the same object without ``schema_version`` (courses made before the field
existed); :func:`upgrade` turns it into version 1 in memory, and :func:`upgrade_file` rewrites
the file. A manifest from a newer paratrain (a higher ``schema_version``) is refused rather
than guessed at. Every problem is a :class:`~paratrain.errors.CourseError` naming the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text
from paratrain.errors import CourseError

MANIFEST = "paratrain.json"
SCHEMA_VERSION = 1
REQUIRED = ("course_id", "exchange", "db_url")


@dataclass(frozen=True)
class Manifest:
    """A validated manifest (always the current schema version)."""

    course_id: str
    exchange: Path
    db_url: str
    repo: str | None = None
    assignments: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            **self.extra,
            "schema_version": SCHEMA_VERSION,
            "course_id": self.course_id,
            "exchange": str(self.exchange),
            "db_url": self.db_url,
        }
        if self.repo is not None:
            data["repo"] = self.repo
        data["assignments"] = list(self.assignments)
        return data


def _bad(path: Path, what: str) -> CourseError:
    return CourseError(
        f"{path}: {what}",
        hint="fix the file by hand, or run 'paratrain course init' again with "
        "the same --id to rewrite it",
    )


def upgrade(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Bring manifest data of any known version up to :data:`SCHEMA_VERSION` (in memory)."""
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise _bad(path, f"schema_version must be a whole number, not {version!r}")
    if version > SCHEMA_VERSION:
        raise CourseError(
            f"{path}: written by a newer paratrain (schema_version {version}; "
            f"this one reads up to {SCHEMA_VERSION})",
            hint="upgrade paratrain on this machine",
        )
    if version == 0:  # v0 -> v1: the same fields, now with a version
        data = {**data, "schema_version": 1}
    return data


def validate(data: object, path: Path) -> Manifest:
    """Check manifest data (any known version) and return it at the current version."""
    if not isinstance(data, dict):
        raise _bad(path, f"must hold a JSON object, not {type(data).__name__}")
    data = upgrade(data, path)
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise _bad(path, f"missing field(s): {', '.join(missing)}")
    for key in REQUIRED:
        if not isinstance(data[key], str) or not data[key].strip():
            raise _bad(path, f"field '{key}' must be a non-empty string")
    repo = data.get("repo")
    if repo is not None and not isinstance(repo, str):
        raise _bad(path, "field 'repo' must be a string")
    assignments = data.get("assignments", [])
    if not isinstance(assignments, list) or not all(isinstance(a, str) for a in assignments):
        raise _bad(path, "field 'assignments' must be a list of assignment ids")
    known = {*REQUIRED, "schema_version", "repo", "assignments"}
    return Manifest(
        data["course_id"],
        Path(data["exchange"]),
        data["db_url"],
        repo,
        tuple(assignments),
        {k: v for k, v in data.items() if k not in known},
    )


def read_manifest(root: Path) -> Manifest:
    """Read and validate ``<root>/paratrain.json``."""
    path = root / MANIFEST
    if not path.is_file():
        raise CourseError(
            f"{root} is not a paratrain course (no {MANIFEST})",
            hint="create one with 'paratrain course init'",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CourseError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise _bad(path, "is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(
            path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    return validate(data, path)


def write_manifest(root: Path, manifest: Manifest) -> None:
    atomic_write_text(root / MANIFEST, json.dumps(manifest.as_json(), indent=2) + "\n")


def upgrade_file(root: Path) -> bool:
    """Rewrite an older manifest at the current version; True if the file changed."""
    path = root / MANIFEST
    manifest = read_manifest(root)
    before = json.loads(path.read_text(encoding="utf-8"))
    if before.get("schema_version") == SCHEMA_VERSION:
        return False
    write_manifest(root, manifest)
    return True
