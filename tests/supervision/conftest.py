"""Fixtures for supervision tests: a graded course (built once, copied per test) and stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from paratrain.cohort.course import Course
from paratrain.supervision.store import Store, open_store
from tests.postgres import fresh_postgres_url, postgres_server, postgres_url  # noqa: F401
from tests.supervision.course_builder import build, copy_course


@pytest.fixture(scope="session")
def course_template(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return build(tmp_path_factory.mktemp("graded"))


@pytest.fixture
def course(course_template: Course, tmp_path: Path) -> Course:
    return copy_course(course_template, tmp_path)


class Clock:
    """A clock that moves one second per reading, so records have distinct, ordered times."""

    def __init__(self) -> None:
        self.t = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        from datetime import timedelta

        self.t += timedelta(seconds=1)
        return self.t


@pytest.fixture
def store(course: Course) -> Iterator[Store]:
    s = open_store(course, clock=Clock())
    yield s
    s.close()


@pytest.fixture
def memory_store() -> Iterator[Store]:
    s = Store("sqlite://", clock=Clock())
    yield s
    s.close()
