"""The JSON files paratrain keeps beside nbgrader's, each versioned and validated.

* ``keys/<assignment>/rubrics.json``: full rubrics (with supervisor-only notes) by answer id,
  split out of the notebooks by ``paratrain course init`` so they are never released::

      {"schema_version": 1, "rubrics": {"<answer id>": {"prompt": ..., "rubric": [...]}}}

* ``paratrain-grading/<assignment>.json``: the last grading run's outcome for each trainee
  (whether nbgrader could grade the submission, and why not)::

      {"schema_version": 1, "results": {"<student>": {"assignment", "student", "ok",
                                                      "seconds", "problem"}}}

Version 0 of both is the inner object alone (files written before versions existed); readers
accept it, writers always write version 1. A file that is not valid JSON, or of the wrong
shape, raises :class:`~paratrain.errors.InputError` naming the file and what is wrong.
The rubric bodies themselves are checked by :func:`paratrain.supervision.rubrics.parse_rubric`
where they are scored; here only the shape that every reader relies on is checked.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from paratrain.atomic import atomic_write_text, move_aside
from paratrain.errors import InputError

SIDECAR_VERSION = 1
RUBRIC_KEYS = "rubrics.json"
RESULTS_DIR = "paratrain-grading"
RESULT_FIELDS: dict[str, type | tuple[type, ...]] = {
    "assignment": str,
    "student": str,
    "ok": bool,
    "seconds": (int, float),
    "problem": str,
}


def _load(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", path=path) from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", path=path) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"is not valid JSON ({exc.msg})",
            path=path,
            line=exc.lineno,
            hint="restore it from a backup, or remove it and run the step that writes it again",
        ) from None


def _body(data: Any, path: Path, inner: str) -> dict[str, Any]:
    """The inner object of a version-0 or version-1 sidecar."""
    if not isinstance(data, dict):
        raise InputError(f"must hold a JSON object, not {type(data).__name__}", path=path)
    if "schema_version" not in data:
        return data  # version 0: the inner object itself
    version = data["schema_version"]
    if version != SIDECAR_VERSION:
        raise InputError(
            f"unknown schema_version {version!r} (this paratrain reads {SIDECAR_VERSION})",
            path=path,
            hint="upgrade paratrain",
        )
    body = data.get(inner)
    if not isinstance(body, dict):
        raise InputError(f"field '{inner}' must be a JSON object", path=path)
    return body


# --- keys/<assignment>/rubrics.json ----------------------------------------------------------


def read_rubric_keys(keys: Path) -> dict[str, dict[str, Any]]:
    """Full rubrics (with supervisor notes) by answer id; ``{}`` if the file does not exist."""
    path = keys / RUBRIC_KEYS
    if not path.is_file():
        return {}
    body = _body(_load(path), path, "rubrics")
    for answer, rubric in body.items():
        if (
            not isinstance(rubric, dict)
            or not isinstance(rubric.get("rubric"), list)
            or not all(isinstance(c, dict) for c in rubric["rubric"])
        ):
            raise InputError(
                f"answer '{answer}': a rubric must be an object with a 'rubric' list of criteria",
                path=path,
                hint="run 'paratrain course init' again to rewrite it",
            )
    return body


def write_rubric_keys(keys: Path, rubrics: Mapping[str, dict[str, Any]]) -> None:
    keys.mkdir(parents=True, exist_ok=True)
    atomic_write_text(
        keys / RUBRIC_KEYS,
        json.dumps({"schema_version": SIDECAR_VERSION, "rubrics": dict(rubrics)}, indent=1) + "\n",
    )


# --- paratrain-grading/<assignment>.json -------------------------------------------------


def results_path(root: Path, assignment: str) -> Path:
    return root / RESULTS_DIR / f"{assignment}.json"


def read_results(root: str | Path, assignment: str) -> dict[str, dict[str, Any]]:
    """The last grading run's outcome per trainee; ``{}`` if nothing was graded yet."""
    path = results_path(Path(root), assignment)
    if not path.is_file():
        return {}
    body = _body(_load(path), path, "results")
    for student, result in body.items():
        if not isinstance(result, dict):
            raise InputError(f"trainee '{student}': a result must be a JSON object", path=path)
        for name, kind in RESULT_FIELDS.items():
            if name in result and not isinstance(result[name], kind):
                raise InputError(
                    f"trainee '{student}': field '{name}' has the wrong type "
                    f"({type(result[name]).__name__})",
                    path=path,
                )
        if not isinstance(result.get("ok"), bool):
            raise InputError(
                f"trainee '{student}': field 'ok' (true or false) is missing", path=path
            )
    return body


def update_results(
    root: Path, assignment: str, results: Mapping[str, dict[str, Any]]
) -> Path | None:
    """Merge ``results`` (by trainee) into the sidecar.

    A previous file that cannot be read is moved aside (returned), never silently lost.
    """
    path = results_path(root, assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = None
    try:
        previous = read_results(root, assignment)
    except InputError:
        previous, aside = {}, move_aside(path, "unreadable")
    previous.update(results)
    atomic_write_text(
        path,
        json.dumps(
            {"schema_version": SIDECAR_VERSION, "results": previous}, indent=1, sort_keys=True
        )
        + "\n",
    )
    return aside
