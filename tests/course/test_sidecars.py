"""keys/<a>/rubrics.json and paratrain-grading/<a>.json: versioned, validated, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paratrain.course.sidecars import (
    RUBRIC_KEYS,
    read_results,
    read_rubric_keys,
    results_path,
    update_results,
    write_rubric_keys,
)
from paratrain.errors import InputError

RUBRIC = {
    "prompt": "p",
    "rubric": [{"id": "facts", "criterion": "c", "points": 2, "note": "supervisors only"}],
}
RESULT = {"assignment": "a1", "student": "ana", "ok": True, "seconds": 1.5, "problem": ""}


def test_rubric_keys_round_trip_and_version_0(tmp_path: Path) -> None:
    assert read_rubric_keys(tmp_path) == {}
    write_rubric_keys(tmp_path, {"note-1": RUBRIC})
    assert json.loads((tmp_path / RUBRIC_KEYS).read_text())["schema_version"] == 1
    assert read_rubric_keys(tmp_path) == {"note-1": RUBRIC}
    (tmp_path / RUBRIC_KEYS).write_text(json.dumps({"note-1": RUBRIC}))  # version 0
    assert read_rubric_keys(tmp_path) == {"note-1": RUBRIC}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{", "is not valid JSON"),
        (
            '{"note-1": {"prompt": "p"}}',
            "answer 'note-1': a rubric must be an object with a 'rubric' list",
        ),
        ('{"schema_version": 2, "rubrics": {}}', "unknown schema_version 2"),
        ('{"schema_version": 1, "rubrics": []}', "field 'rubrics' must be a JSON object"),
    ],
)
def test_bad_rubric_keys_name_the_file(tmp_path: Path, content: str, words: str) -> None:
    (tmp_path / RUBRIC_KEYS).write_text(content)
    with pytest.raises(InputError) as info:
        read_rubric_keys(tmp_path)
    assert str(tmp_path / RUBRIC_KEYS) in str(info.value) and words in str(info.value)


def test_results_merge_and_read_version_0(tmp_path: Path) -> None:
    update_results(tmp_path, "a1", {"ana": RESULT})
    update_results(tmp_path, "a1", {"ben": {**RESULT, "student": "ben", "ok": False}})
    got = read_results(tmp_path, "a1")
    assert set(got) == {"ana", "ben"} and got["ben"]["ok"] is False
    results_path(tmp_path, "a1").write_text(json.dumps({"ana": RESULT}))  # version 0
    assert read_results(tmp_path, "a1") == {"ana": RESULT}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"ana": {"ok": "yes"}}', "trainee 'ana': field 'ok' has the wrong type"),
        ('{"ana": {"problem": ""}}', "trainee 'ana': field 'ok' (true or false) is missing"),
        ('{"ana": 3}', "trainee 'ana': a result must be a JSON object"),
        ("[]", "must hold a JSON object, not list"),
    ],
)
def test_bad_results_name_the_file(tmp_path: Path, content: str, words: str) -> None:
    path = results_path(tmp_path, "a1")
    path.parent.mkdir()
    path.write_text(content)
    with pytest.raises(InputError) as info:
        read_results(tmp_path, "a1")
    assert str(path) in str(info.value) and words in str(info.value)


def test_an_unreadable_results_file_is_moved_aside_not_lost(tmp_path: Path) -> None:
    path = results_path(tmp_path, "a1")
    path.parent.mkdir()
    path.write_text("{ damaged")
    aside = update_results(tmp_path, "a1", {"ana": RESULT})
    assert aside is not None and aside.read_text() == "{ damaged"
    assert read_results(tmp_path, "a1") == {"ana": RESULT}
