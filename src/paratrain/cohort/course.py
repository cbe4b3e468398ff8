"""Moved to :mod:`paratrain.course`; these names stay importable from here while code moves."""

from __future__ import annotations

from paratrain.course.create import (
    NEVER_COPY,
    clone_course,
    config_text,
    init_course,
    rescore_config,
    restrict,
)
from paratrain.course.folder import CONFIG_NAME, Course, SubmissionFolders, open_course
from paratrain.course.manifest import MANIFEST
from paratrain.course.sidecars import RUBRIC_KEYS, read_rubric_keys

__all__ = [
    "CONFIG_NAME",
    "MANIFEST",
    "NEVER_COPY",
    "RUBRIC_KEYS",
    "Course",
    "SubmissionFolders",
    "clone_course",
    "config_text",
    "init_course",
    "open_course",
    "read_rubric_keys",
    "rescore_config",
    "restrict",
]
