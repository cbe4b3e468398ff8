"""Every service a role-play names is in the fictional Riverbend directory, so a trainee who
searches for it in the module 7 directory tool finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from paratrain.referral import load_directory, search
from paratrain.scenarios.loader import load_scenario
from tests.conftest import REPO

SCENARIOS = sorted(
    [
        *(REPO / "curriculum" / "scenarios").glob("*.scenario.yaml"),
        *(REPO / "assignments" / "source").glob("*/*.scenario.yaml"),
    ]
)
NAMED = [p for p in SCENARIOS if load_scenario(p).services]


def _ids_named(directory: object, name: str) -> set[str]:
    """Service ids whose service or organization has ``name`` (or it as alternate name)."""
    key = name.strip().lower()
    orgs = {
        r["id"]
        for r in directory.rows("organization")  # type: ignore[attr-defined]
        if key in (r["name"].strip().lower(), (r.get("alternate_name") or "").lower())
    }
    return {
        r["id"]
        for r in directory.rows("service")  # type: ignore[attr-defined]
        if key in (r["name"].strip().lower(), (r.get("alternate_name") or "").lower())
        or r["organization_id"] in orgs
    }


def test_most_role_plays_declare_the_services_they_name() -> None:
    assert len(NAMED) >= len(SCENARIOS) // 2


@pytest.mark.parametrize("path", NAMED, ids=lambda p: p.name.removesuffix(".scenario.yaml"))
def test_every_named_service_is_in_the_directory_and_found_by_search(path: Path) -> None:
    directory = load_directory()
    for service in load_scenario(path).services:
        wanted = _ids_named(directory, service)
        assert wanted, f"'{service}' is not in the Riverbend directory"
        # what the directory tool does when a trainee types the name (closed ones included)
        found = set(search(directory, needs=service, include_inactive=True)["service_id"])
        assert found & wanted, f"searching for '{service}' does not find it"
