"""The vendored HSDS files and the fictional Riverbend directory."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
import uuid
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from paratrain.referral import CATEGORIES, Directory
from paratrain.referral.spec import HSDS_DIR, RIVERBEND, table_files

REPO = Path(__file__).resolve().parents[2]


def test_vendored_hsds_files_are_unmodified() -> None:
    lines = (HSDS_DIR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 24  # LICENSE, datapackage.json, 22 example files
    for line in lines:
        digest, name = line.split(maxsplit=1)
        assert hashlib.sha256((HSDS_DIR / name).read_bytes()).hexdigest() == digest, name


def test_vendored_readme_gives_source_licence_and_attribution() -> None:
    readme = (HSDS_DIR / "README.md").read_text(encoding="utf-8")
    for needed in (
        "unmodified",
        "openreferral/specification",
        "279fd2e",
        "CC BY-SA 4.0",
        "Human Services Data Specification: an Open Referral resource",
    ):
        assert needed in readme
    assert "Attribution-ShareAlike 4.0" in (HSDS_DIR / "LICENSE").read_text(encoding="utf-8")


def test_nothing_in_the_package_reads_the_shared_reference_folder() -> None:
    source = REPO / "src" / "paratrain" / "referral"
    for path in [*source.glob("*.py"), REPO / "tools" / "build_riverbend.py"]:
        text = path.read_text(encoding="utf-8")
        assert "../shared" not in text and "reference/hsds" not in text, path


# ---------------------------------------------------------------- the generator


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_riverbend", REPO / "tools" / "build_riverbend.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_committed_csvs_are_what_the_generator_writes(tmp_path: Path) -> None:
    tool = _generator()
    tool.write(tool.build_tables(), tmp_path)
    names = sorted(p.name for p in RIVERBEND.iterdir() if p.suffix in (".csv", ".json"))
    assert names == sorted(p.name for p in tmp_path.iterdir())
    for name in names:
        assert (tmp_path / name).read_bytes() == (RIVERBEND / name).read_bytes(), (
            f"{name} is out of date: run tools/build_riverbend.py"
        )


def test_ids_are_stable_uuid5_from_names() -> None:
    tool = _generator()
    first, second = tool.build_tables(), tool.build_tables()
    assert first == second
    for row in first["service"]:
        assert uuid.UUID(row["id"]).version == 5
    pantry = next(r for r in first["service"] if r["name"] == "Food Pantry")
    assert pantry["id"] == str(uuid.uuid5(tool.NAMESPACE, "service/foodbank/Food Pantry"))


# ---------------------------------------------------------------- the content


def test_size_and_spread(riverbend: Directory) -> None:
    assert len(riverbend.tables["service"]) >= 60
    per_category = Counter(c for o in riverbend.catalog for c in o.categories)
    for category in CATEGORIES:
        assert per_category[category.key] >= 3, category.key
    statuses = Counter(riverbend.tables["service"]["status"])
    assert statuses["inactive"] >= 1 and statuses["temporarily closed"] >= 2
    assert statuses["defunct"] >= 1


def test_every_record_says_it_is_fictional(riverbend: Directory) -> None:
    for s in riverbend.rows("service"):
        assert s["description"].endswith("(Fictional service for training.)"), s["name"]
    for o in riverbend.rows("organization"):
        assert o["description"].endswith("(Fictional organization for training.)"), o["name"]
    for loc in riverbend.rows("location"):
        assert loc["description"].endswith("(Fictional place for training.)"), loc["name"]
    for p in riverbend.rows("phone"):
        assert "Fictional number" in p["description"]


def test_nothing_points_at_a_real_phone_address_or_website(riverbend: Directory) -> None:
    for p in riverbend.rows("phone"):
        assert re.fullmatch(r"555-01\d\d", p["number"]), p["number"]
    assert len({p["number"] for p in riverbend.rows("phone")}) == len(riverbend.rows("phone"))
    for a in riverbend.rows("address"):
        assert re.fullmatch(r"001\d\d", a["postal_code"])
        assert (a["city"], a["state_province"]) == ("Riverbend", "ZZ")
    for table, column in [
        ("organization", "website"),
        ("organization", "email"),
        ("service", "url"),
        ("service", "email"),
    ]:
        for row in riverbend.rows(table):
            assert row[column].endswith(".example") or ".example/" in row[column], row[column]
    for loc in riverbend.rows("location"):
        if loc["latitude"]:
            assert abs(float(loc["latitude"])) < 0.1 and abs(float(loc["longitude"])) < 0.1
    real = [s["name"] for s in riverbend.rows("service") if "988" in s["name"]]
    assert real == []  # 988 is only ever mentioned in descriptions


def test_languages_costs_hours_and_access_vary(riverbend: Directory) -> None:
    names = {r["name"] for r in riverbend.rows("language")}
    assert {
        "Spanish",
        "Vietnamese",
        "Somali",
        "Haitian Creole",
        "American Sign Language",
        "Arabic",
    } <= names
    costs = {o.service: o.costs for o in riverbend.catalog}
    assert all(c.amount == 0 for c in costs["Free Hot Lunch"])
    assert {c.amount for c in costs["Adult Outpatient Counseling"]} == {0, 140}
    assert {c.amount for c in costs["RiverRide Paratransit"]} == {2.5}
    byday = {r["byday"] for r in riverbend.rows("schedule")}
    assert {"2SA", "-1WE", "SU"} <= byday
    assert any(r["valid_from"] for r in riverbend.rows("schedule"))
    assert 0 < len(riverbend.rows("accessibility")) < len(riverbend.rows("location"))


@pytest.mark.parametrize(
    "table",
    [
        "organization",
        "service",
        "location",
        "service_at_location",
        "address",
        "phone",
        "schedule",
        "language",
        "cost_option",
        "accessibility",
        "taxonomy_term",
        "attribute",
    ],
)
def test_tables_with_content(riverbend: Directory, table: str) -> None:
    assert (RIVERBEND / table_files()[table]).is_file()
    assert len(riverbend.tables[table]) > 0
