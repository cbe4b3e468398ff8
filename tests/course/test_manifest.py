"""paratrain.json: versioned, validated, upgraded from version 0, errors name the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paratrain.cohort.course import open_course as old_open_course
from paratrain.course.folder import open_course
from paratrain.course.manifest import MANIFEST, SCHEMA_VERSION, read_manifest, upgrade_file
from paratrain.errors import CourseError

V0 = {
    "course_id": "c1",
    "exchange": "/srv/exchange",
    "db_url": "sqlite:////srv/gb.db",
    "repo": "/srv/repo",
    "assignments": ["a1"],
}


def write(root: Path, data: object) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / MANIFEST
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_version_0_reads_and_upgrades_in_place(tmp_path: Path) -> None:
    path = write(tmp_path, V0)
    course = open_course(tmp_path)
    assert (course.course_id, str(course.exchange), course.db_url) == (
        "c1",
        "/srv/exchange",
        "sqlite:////srv/gb.db",
    )
    assert "schema_version" not in json.loads(path.read_text())  # reading never writes
    assert upgrade_file(tmp_path) is True
    data = json.loads(path.read_text())
    assert data["schema_version"] == SCHEMA_VERSION and data["assignments"] == ["a1"]
    assert upgrade_file(tmp_path) is False
    assert old_open_course(tmp_path) == course  # the old import path still works


def test_unknown_fields_survive_an_upgrade(tmp_path: Path) -> None:
    write(tmp_path, {**V0, "note": "kept"})
    upgrade_file(tmp_path)
    assert json.loads((tmp_path / MANIFEST).read_text())["note"] == "kept"
    assert read_manifest(tmp_path).extra == {"note": "kept"}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{ not json", "is not valid JSON (line 1, column 3"),
        ([1, 2], "must hold a JSON object, not list"),
        ({"course_id": "c1", "exchange": "/x"}, "missing field(s): db_url"),
        ({**V0, "course_id": ""}, "field 'course_id' must be a non-empty string"),
        ({**V0, "db_url": 5}, "field 'db_url' must be a non-empty string"),
        ({**V0, "assignments": "a1"}, "field 'assignments' must be a list"),
        ({**V0, "schema_version": "1"}, "schema_version must be a whole number"),
    ],
)
def test_bad_manifest_names_the_file_and_the_problem(
    tmp_path: Path, content: object, words: str
) -> None:
    path = write(tmp_path, content)
    with pytest.raises(CourseError) as info:
        open_course(tmp_path)
    assert str(path) in str(info.value) and words in str(info.value)


def test_newer_manifest_is_refused_not_guessed(tmp_path: Path) -> None:
    write(tmp_path, {**V0, "schema_version": SCHEMA_VERSION + 1})
    with pytest.raises(CourseError, match="written by a newer paratrain"):
        open_course(tmp_path)


def test_not_a_course(tmp_path: Path) -> None:
    with pytest.raises(CourseError, match="is not a paratrain course"):
        open_course(tmp_path)


def test_not_utf8(tmp_path: Path) -> None:
    tmp_path.joinpath(MANIFEST).write_bytes(b'{"course_id": "\xff"}')
    with pytest.raises(CourseError, match="is not UTF-8"):
        open_course(tmp_path)
