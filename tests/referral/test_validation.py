"""Loading and checking HSDS 3.0 exports against the official rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paratrain.errors import DirectoryError
from paratrain.referral import check_directory, load_directory
from paratrain.referral.directory import ENV_DIRECTORY, ENV_TIMEZONE
from paratrain.referral.spec import OFFICIAL_DESCRIPTOR, OFFICIAL_EXAMPLE, RIVERBEND

from .conftest import Editor

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"  # the official example's one service


# ---------------------------------------------------------------- Riverbend and the example


def test_riverbend_passes_the_untouched_official_rules() -> None:
    """frictionless, the official descriptor as published (exact column order), no relaxing."""
    from frictionless import Package

    with open(OFFICIAL_DESCRIPTOR, encoding="utf-8") as fh:
        official = json.load(fh)
    report = Package(official, basepath=str(RIVERBEND)).validate()
    assert report.valid, report.flatten(["type", "rowNumber", "fieldName", "note"])


def test_riverbend_descriptor_uses_the_official_table_schemas() -> None:
    with open(OFFICIAL_DESCRIPTOR, encoding="utf-8") as fh:
        official = json.load(fh)
    with open(RIVERBEND / "datapackage.json", encoding="utf-8") as fh:
        ours = json.load(fh)
    assert ours["resources"] == official["resources"]
    assert ours["profile"] == "tabular-data-package"
    assert "fictional" in ours["description"].lower()


def test_riverbend_loads_with_checking_and_no_warnings() -> None:
    d = load_directory(RIVERBEND, validate=True)
    assert d.validated
    assert d.warnings == ()
    assert len(d.tables["service"]) >= 60


def test_bundled_riverbend_is_not_rechecked_by_default(riverbend_copy: Path) -> None:
    assert not load_directory().validated
    assert load_directory(riverbend_copy).validated  # a copy is "from elsewhere"


def test_official_example_is_accepted_with_four_warnings() -> None:
    d = load_directory(OFFICIAL_EXAMPLE)
    assert d.validated
    assert [s["name"] for s in d.rows("service")] == ["Community Counselling"]
    # Its broken references are all in links paratrain never follows.
    assert len(d.warnings) == 4
    assert any(w.startswith("locations.csv, row 2, field 'organization_id'") for w in d.warnings)
    assert any(w.startswith("taxonomy_terms.csv, row 2, field 'taxonomy_id'") for w in d.warnings)


def test_datapackage_json_path_is_accepted() -> None:
    d = load_directory(OFFICIAL_EXAMPLE / "datapackage.json")
    assert d.path == OFFICIAL_EXAMPLE.resolve()


# ---------------------------------------------------------------- broken exports


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DirectoryError) as caught:
        load_directory(folder)
    error = caught.value
    assert error.path == str(folder.resolve())
    assert "HSDS 3.0" in str(error)
    assert "row 1" in error.hint  # explains how rows are counted
    for p in error.problems:
        assert p in str(error)
    return error.problems


def test_missing_required_value(example_copy: Path, set_cell: Editor) -> None:
    set_cell(example_copy, "services.csv", 0, "name", "")
    assert _problems(example_copy) == [
        "services.csv, row 2, field 'name': this field is required but is empty."
    ]


def test_missing_required_column(example_copy: Path) -> None:
    lines = (example_copy / "organizations.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    keep = [i for i, name in enumerate(header) if name != "description"]
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([[r[i] for i in keep] for r in rows])
    (example_copy / "organizations.csv").write_text(out.getvalue(), encoding="utf-8")
    assert _problems(example_copy) == [
        "organizations.csv, field 'description': this required column is missing from the "
        "header row."
    ]


def test_bad_uuid(example_copy: Path, set_cell: Editor) -> None:
    set_cell(example_copy, "languages.csv", 0, "id", "not-a-uuid")
    problems = _problems(example_copy)
    assert problems[0].startswith("languages.csv, row 2, field 'id': 'not-a-uuid' is not a UUID")
    assert len(problems) == 1  # the primary-key echo of the same cell is dropped


def test_bad_enum(example_copy: Path, set_cell: Editor) -> None:
    set_cell(example_copy, "services.csv", 0, "status", "open")
    assert _problems(example_copy) == [
        "services.csv, row 2, field 'status': 'open' is not allowed here; use one of: active, "
        "inactive, defunct, temporarily closed."
    ]


def test_dangling_foreign_key(example_copy: Path, set_cell: Editor) -> None:
    ghost = "11111111-1111-4111-8111-111111111111"
    set_cell(example_copy, "service_at_location.csv", 0, "service_id", ghost)
    problems = _problems(example_copy)
    assert problems == [
        f"service_at_location.csv, row 2, field 'service_id': points at service id '{ghost}', "
        "but services.csv has no row with that id. Add the missing service or correct the id."
    ]


def test_reference_into_a_table_the_export_left_out(example_copy: Path) -> None:
    (example_copy / "schedules.csv").unlink()  # optional table: fine to leave out
    (example_copy / "locations.csv").unlink()  # but service_at_location points into it
    problems = _problems(example_copy)
    assert any(
        p.startswith("service_at_location.csv, row 2, field 'location_id'") for p in problems
    )
    assert not any("schedules.csv" in p for p in problems)


def test_unreadable_csv_is_named_once(example_copy: Path) -> None:
    services = example_copy / "services.csv"
    services.write_bytes(services.read_bytes().replace(b"Counselling", b"Counse\xffling", 1))
    problems = _problems(example_copy)
    assert len(problems) == 1, problems  # not repeated for every table that refers to it
    assert problems[0].startswith("services.csv: the file is not UTF-8 text")
    assert "CSV UTF-8" in problems[0]


def test_empty_file(example_copy: Path) -> None:
    (example_copy / "phones.csv").write_text("", encoding="utf-8")
    assert _problems(example_copy) == [
        "phones.csv: the file cannot be read as CSV (the source is empty)."
    ]


def test_unquoted_comma_gives_an_extra_cell(example_copy: Path) -> None:
    (example_copy / "languages.csv").write_text(
        "id,name\n2989d3ed-c547-48f8-8f9d-432d81c7892e,Urdu, Punjabi\n", encoding="utf-8"
    )
    problems = _problems(example_copy)
    assert problems == [
        "languages.csv, row 2: this row has more values than the header has "
        "columns (often a comma inside text that is not in quotes)."
    ]


def test_every_problem_is_listed_at_once(example_copy: Path, set_cell: Editor) -> None:
    set_cell(example_copy, "services.csv", 0, "status", "open")
    set_cell(example_copy, "schedules.csv", 0, "opens_at", "9am")
    set_cell(example_copy, "organizations.csv", 0, "email", "not an email")
    problems = _problems(example_copy)
    assert len(problems) == 3
    assert {p.split(":")[0] for p in problems} == {
        "services.csv, row 2, field 'status'",
        "schedules.csv, row 2, field 'opens_at'",
        "organizations.csv, row 2, field 'email'",
    }
    assert any("HH:MM:SS" in p for p in problems)


def test_duplicate_ids_name_both_rows(example_copy: Path) -> None:
    row = "2989d3ed-c547-48f8-8f9d-432d81c7892e"
    (example_copy / "languages.csv").write_text(f"id,name\n{row},a\n{row},b\n", encoding="utf-8")
    problems = _problems(example_copy)
    assert len(problems) == 1
    assert problems[0].startswith("languages.csv, row 3, field 'id'")
    assert problems[0] == (
        f"languages.csv, row 3, field 'id': '{row}' is used more than once "
        "(first in row 2); each value in this column must be different."
    )


def test_missing_services_csv(example_copy: Path) -> None:
    (example_copy / "services.csv").unlink()
    problems = _problems(example_copy)
    assert problems[0].startswith("services.csv: this file is missing")


def test_folder_without_hsds_files(tmp_path: Path) -> None:
    problems = _problems(tmp_path)
    assert [p.split(":")[0] for p in problems] == ["organizations.csv", "services.csv"]


def test_optional_columns_may_be_left_out_and_reordered(example_copy: Path) -> None:
    (example_copy / "languages.csv").write_text(
        f"name,id,service_id\nUrdu,2989d3ed-c547-48f8-8f9d-432d81c7892e,{SERVICE_ID}\n",
        encoding="utf-8",
    )
    d = load_directory(example_copy)
    assert d.rows("language")[0]["name"] == "Urdu"
    assert d.rows("language")[0]["code"] == ""  # the left-out column is there, empty


def test_unknown_column_is_a_warning(example_copy: Path) -> None:
    (example_copy / "languages.csv").write_text(
        "id,name,dialect\n2989d3ed-c547-48f8-8f9d-432d81c7892e,Urdu,x\n", encoding="utf-8"
    )
    d = load_directory(example_copy)
    assert any("languages.csv: column 'dialect' is not an HSDS 3.0 field" in w for w in d.warnings)


def test_check_directory_reports_without_raising(example_copy: Path, set_cell: Editor) -> None:
    set_cell(example_copy, "services.csv", 0, "minimum_age", "twelve")
    findings = check_directory(example_copy)
    [problem] = findings.problems
    assert (problem.file, problem.row, problem.field) == ("services.csv", 2, "minimum_age")
    assert problem.message == "'twelve' is not a number."
    assert len(findings.warnings) == 4


# ---------------------------------------------------------------- where, and caching


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(DirectoryError, match="no directory export here"):
        load_directory(tmp_path / "nowhere")


def test_environment_variable_chooses_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_DIRECTORY, str(OFFICIAL_EXAMPLE))
    assert load_directory().path == OFFICIAL_EXAMPLE.resolve()
    monkeypatch.setenv(ENV_DIRECTORY, "/no/such/export")
    with pytest.raises(DirectoryError) as caught:
        load_directory()
    assert ENV_DIRECTORY in str(caught.value)
    assert "unset" in caught.value.hint
    monkeypatch.delenv(ENV_DIRECTORY)
    assert load_directory().is_riverbend


def test_timezone_from_argument_environment_or_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_TIMEZONE, raising=False)
    assert load_directory().timezone == "America/Chicago"
    monkeypatch.setenv(ENV_TIMEZONE, "America/New_York")
    assert load_directory().timezone == "America/New_York"
    assert load_directory(timezone="Europe/London").timezone == "Europe/London"
    with pytest.raises(DirectoryError, match="not a time zone"):
        load_directory(timezone="Riverbend/Downtown")


def test_loading_again_is_cached_until_a_file_changes(riverbend_copy: Path) -> None:
    first = load_directory(riverbend_copy)
    assert load_directory(riverbend_copy) is first
    services = riverbend_copy / "services.csv"
    services.write_text(
        services.read_text(encoding="utf-8").replace(
            "Adult Outpatient Counseling", "Adult Counseling"
        ),
        encoding="utf-8",
    )
    second = load_directory(riverbend_copy)
    assert second is not first
    assert "Adult Counseling" in {s["name"] for s in second.rows("service")}


def test_semicolon_separated_file(example_copy: Path) -> None:
    path = example_copy / "languages.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",", ";"), encoding="utf-8")
    problems = _problems(example_copy)
    assert problems[0].startswith("languages.csv: none of the columns has an HSDS field name")
    assert "separated by commas" in problems[0]
    assert "languages.csv, field 'id': this required column is missing" in problems[1]


def test_excel_byte_order_mark_is_fine(example_copy: Path) -> None:
    path = example_copy / "services.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())  # what Excel's "CSV UTF-8" writes
    d = load_directory(example_copy)
    assert d.rows("service")[0]["id"] == SERVICE_ID
