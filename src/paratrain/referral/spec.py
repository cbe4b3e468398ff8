"""The official HSDS 3.0 tabular specification, as shipped in ``data/hsds-3.0/``.

Everything paratrain knows about table names, file names, fields and links comes from the
vendored, unmodified ``datapackage.json`` of Open Referral HSDS 3.0 (CC BY-SA 4.0; see
``data/hsds-3.0/README.md``), so there is one source of truth.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
HSDS_DIR = DATA_DIR / "hsds-3.0"
OFFICIAL_DESCRIPTOR = HSDS_DIR / "datapackage.json"
OFFICIAL_EXAMPLE = HSDS_DIR / "examples" / "csv"
RIVERBEND = DATA_DIR / "riverbend"

#: Tables a directory export must contain; every other HSDS table may be left out.
REQUIRED_TABLES: tuple[str, ...] = ("organization", "service")

#: Links (table, field) that paratrain follows to show a service. A reference in one of these
#: that points at nothing is an error: the service would show the wrong or no organization,
#: place, phone, hours, language or cost. A broken reference anywhere else (for example
#: ``contact.organization_id``, or ``location.organization_id``, which paratrain never reads)
#: is reported as a warning and does not stop loading. The official HSDS example has four such
#: warnings, so this distinction is what lets paratrain accept it.
FOLLOWED_LINKS: frozenset[tuple[str, str]] = frozenset(
    {
        ("service", "organization_id"),
        ("service_at_location", "service_id"),
        ("service_at_location", "location_id"),
        ("address", "location_id"),
        ("phone", "service_id"),
        ("phone", "service_at_location_id"),
        ("phone", "location_id"),
        ("schedule", "service_id"),
        ("schedule", "service_at_location_id"),
        ("schedule", "location_id"),
        ("language", "service_id"),
        ("language", "location_id"),
        ("accessibility", "location_id"),
        ("cost_option", "service_id"),
        ("attribute", "taxonomy_term_id"),
    }
)


@cache
def _descriptor() -> dict[str, Any]:
    with open(OFFICIAL_DESCRIPTOR, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def official_descriptor() -> dict[str, Any]:
    """A fresh copy of the official HSDS 3.0 tabular data package descriptor.

    Returns
    -------
    dict
        The parsed ``datapackage.json``; callers may change their copy.
    """
    return copy.deepcopy(_descriptor())


@cache
def table_files() -> dict[str, str]:
    """HSDS table name to CSV file name, e.g. ``"service" -> "services.csv"``.

    Returns
    -------
    dict of str to str
        In the order of the official descriptor.
    """
    return {str(r["name"]): str(r["path"]) for r in _descriptor()["resources"]}


@cache
def table_fields(table: str) -> tuple[str, ...]:
    """The field names of one HSDS table, in the official order.

    Parameters
    ----------
    table:
        An HSDS table name such as ``"service"``.

    Returns
    -------
    tuple of str
    """
    for r in _descriptor()["resources"]:
        if r["name"] == table:
            return tuple(str(f["name"]) for f in r["schema"]["fields"])
    raise KeyError(table)


@cache
def _fields_by_name(table: str) -> dict[str, dict[str, Any]]:
    for r in _descriptor()["resources"]:
        if r["name"] == table:
            return {str(f["name"]): f for f in r["schema"]["fields"]}
    return {}


def field_spec(table: str, field: str) -> dict[str, Any]:
    """The official definition of one field (type, format, constraints), or ``{}``.

    Parameters
    ----------
    table:
        An HSDS table name such as ``"service"``.
    field:
        A field name such as ``"status"``.

    Returns
    -------
    dict
        A copy; callers may change it.
    """
    return copy.deepcopy(_fields_by_name(table).get(field, {}))
