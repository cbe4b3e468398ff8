"""The course: the base package below ``cohort``, ``supervision``, ``reports`` and ``hub``.

::

    folder       Course (paths of one course folder), open_course, SubmissionFolders
    manifest     paratrain.json: schema_version, validator, upgrade from version 0
    create       init_course (from the repository's sources), clone_course, config_text
    roster       roster CSV parsing and validation (Person)
    timestamps   timestamp.txt, read the way nbgrader reads it
    lateness     when a submission is late (due date + extension, nbgrader's rule)
    sidecars     keys/<assignment>/rubrics.json and paratrain-grading/<assignment>.json
    gradebook    the one adapter to nbgrader's gradebook (import it explicitly: it pulls
                 in SQLAlchemy, and nbgrader when used)

It imports only ``errors``, ``atomic`` and ``scenarios`` from paratrain; nothing above it.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> module; imported on first use so that ``import paratrain.course.roster`` (the CLI,
# the hub commands) does not pull in the scenario loader and pydantic.
_EXPORTS = {
    "clone_course": "create",
    "config_text": "create",
    "init_course": "create",
    "CONFIG_NAME": "folder",
    "ROSTER": "folder",
    "Course": "folder",
    "SubmissionFolders": "folder",
    "open_course": "folder",
    "effective_due": "lateness",
    "is_late": "lateness",
    "seconds_late": "lateness",
    "MANIFEST": "manifest",
    "SCHEMA_VERSION": "manifest",
    "Manifest": "manifest",
    "read_manifest": "manifest",
    "Person": "roster",
    "parse_roster": "roster",
    "read_roster": "roster",
    "read_results": "sidecars",
    "read_rubric_keys": "sidecars",
    "parse_timestamp": "timestamps",
    "read_timestamp": "timestamps",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"paratrain.course.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(name)
