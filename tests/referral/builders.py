"""In-memory HSDS directories for unit tests: say only what a test needs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from paratrain.referral import Directory
from paratrain.referral.spec import table_fields, table_files

NS = uuid.UUID("00000000-0000-4000-8000-000000000000")


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NS, "/".join(parts)))


@dataclass(frozen=True)
class Svc:
    """A service at (at most) one place. Hours are (byday, opens, closes[, freq])."""

    name: str
    categories: tuple[str, ...] = ()
    description: str = ""
    status: str = "active"
    alert: str = ""
    languages: tuple[str, ...] = ()
    interpretation: str = ""
    hours: tuple[tuple[str, ...], ...] = ()
    costs: tuple[float, ...] = ()
    min_age: int | None = None
    max_age: int | None = None
    at: tuple[float, float] | None = None  # (lat, lon): gets a physical place
    neighbourhood: str = "Middle"
    access: str = ""
    extra_schedule: dict[str, str] = field(default_factory=dict)


def directory(*services: Svc, timezone: str = "America/Chicago") -> Directory:
    """A Directory built in memory (never checked: tests of search, not of validation)."""
    rows: dict[str, list[dict[str, str]]] = {t: [] for t in table_files()}
    org = uid("org")
    rows["organization"].append({"id": org, "name": "Test Org", "description": "Test."})
    for c in ("housing", "food", "mental-health", "crisis", "legal", "benefits"):
        rows["taxonomy_term"].append({"id": uid("term", c), "code": c, "name": c, "description": c})
    for s in services:
        sid = uid("service", s.name)
        rows["service"].append(
            {
                "id": sid,
                "organization_id": org,
                "name": s.name,
                "description": s.description,
                "status": s.status,
                "alert": s.alert,
                "interpretation_services": s.interpretation,
                "minimum_age": "" if s.min_age is None else str(s.min_age),
                "maximum_age": "" if s.max_age is None else str(s.max_age),
            }
        )
        for c in s.categories:
            rows["attribute"].append(
                {
                    "id": uid("attr", s.name, c),
                    "link_id": sid,
                    "taxonomy_term_id": uid("term", c),
                    "link_entity": "service",
                }
            )
        for lang in s.languages:
            rows["language"].append(
                {"id": uid("lang", s.name, lang), "service_id": sid, "name": lang}
            )
        for i, amount in enumerate(s.costs):
            rows["cost_option"].append(
                {
                    "id": uid("cost", s.name, str(i)),
                    "service_id": sid,
                    "amount": f"{amount:g}",
                    "currency": "USD",
                }
            )
        for i, h in enumerate(s.hours):
            rows["schedule"].append(
                {
                    "id": uid("sched", s.name, str(i)),
                    "service_id": sid,
                    "byday": h[0],
                    "opens_at": h[1],
                    "closes_at": h[2],
                    "freq": h[3] if len(h) > 3 else "WEEKLY",
                    **s.extra_schedule,
                }
            )
        if s.at is not None:
            loc = uid("loc", s.name)
            rows["location"].append(
                {
                    "id": loc,
                    "location_type": "physical",
                    "name": s.name,
                    "latitude": str(s.at[0]),
                    "longitude": str(s.at[1]),
                }
            )
            rows["address"].append(
                {
                    "id": uid("addr", s.name),
                    "location_id": loc,
                    "address_1": "1 Test Street",
                    "city": "Testtown",
                    "region": s.neighbourhood,
                    "state_province": "ZZ",
                    "postal_code": "00100",
                    "country": "US",
                    "address_type": "physical",
                }
            )
            rows["service_at_location"].append(
                {"id": uid("sal", s.name), "service_id": sid, "location_id": loc}
            )
            if s.access:
                rows["accessibility"].append(
                    {"id": uid("acc", s.name), "location_id": loc, "description": s.access}
                )
    tables = {
        name: pd.DataFrame(
            [{f: r.get(f, "") for f in table_fields(name)} for r in table_rows],
            columns=list(table_fields(name)),
            dtype=str,
        )
        for name, table_rows in rows.items()
    }
    return Directory(Path("<in memory>"), tables, timezone, validated=False)
