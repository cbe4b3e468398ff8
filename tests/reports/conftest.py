"""Report tests use the graded course of tests/supervision (built once per session)."""

from __future__ import annotations

from tests.supervision.conftest import Clock, course, course_template, store  # noqa: F401
