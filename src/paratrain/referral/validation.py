"""Check a directory export against the official HSDS 3.0 rules, with frictionless.

The rules are the vendored, official ``datapackage.json`` (see :mod:`.spec`): required fields,
unique ids, UUID, email, URI, date and time formats, enums, primary keys and foreign keys
between tables. frictionless applies all of them; this module only arranges the run and turns
frictionless's reports into plain words a directory manager can act on.

One frictionless run checks everything. If a table could not be read as a whole (not UTF-8,
empty, a broken or missing header), the results are thrown away and it checks again in two
runs, because frictionless reads a table's lookup tables while opening it: one bad
``services.csv`` would make every table that refers to services fail as a whole, hiding their
own problems and naming the wrong file. The two runs:

1. every table on its own, without its foreign keys: file, header, value and id problems;
2. the foreign keys, only between tables that step 1 could read.

How a column is matched to a field is the one rule relaxed, in memory: by name rather than by
position (frictionless ``fieldsMatch: partial``), so an export may leave out optional columns or
order them its own way; a missing required column is still reported. Tables an export leaves
out are treated as empty, so a reference into them is reported as pointing at nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .spec import (
    FOLLOWED_LINKS,
    REQUIRED_TABLES,
    field_spec,
    official_descriptor,
    table_files,
)

ROW_HINT = "Row numbers count the header as row 1, as a spreadsheet does."


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a directory export.

    Attributes
    ----------
    file:
        The CSV file, e.g. ``"services.csv"``.
    row:
        Row number counting the header as row 1 (as in a spreadsheet), or ``None`` for a
        problem with the whole file or its header.
    field:
        The column, or ``None``.
    message:
        What is wrong and, where it helps, how to fix it, in plain words.
    kind:
        The frictionless error type, e.g. ``"foreign-key"`` or ``"constraint-error"``.
    """

    file: str
    row: int | None
    field: str | None
    message: str
    kind: str = ""

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Findings:
    """What checking found: ``problems`` stop loading, ``warnings`` do not."""

    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def check_directory(folder: Path) -> Findings:
    """Check the HSDS 3.0 tables in ``folder`` against the official rules.

    Parameters
    ----------
    folder:
        A folder holding an HSDS tabular export (``organizations.csv``, ``services.csv``, ...).

    Returns
    -------
    Findings
        Every problem found, in table order, and the warnings (broken references paratrain does
        not follow, see :data:`.spec.FOLLOWED_LINKS`).
    """
    files = table_files()
    present = {t for t, f in files.items() if (folder / f).exists()}
    missing = [
        Problem(
            files[t],
            None,
            None,
            "this file is missing; every HSDS directory needs "
            + " and ".join(files[r] for r in REQUIRED_TABLES)
            + ".",
        )
        for t in REQUIRED_TABLES
        if t not in present
    ]
    if not present:
        return Findings(tuple(missing), ())
    # Fast path: one run with the links. Good enough unless a table could not be read whole.
    found = _run(folder, present, links=True)
    if any(p.row is None for _, p in found):
        own = _run(folder, present, links=False)
        unreadable = {t for t, p in own if p.row is None}
        readable = present - unreadable
        found = own + (
            _run(folder, readable, links=True, only_links=True, skip=unreadable) if readable else []
        )
    problems, warnings = list(missing), list[Problem]()
    for table, p in found:
        is_link = p.kind == "foreign-key"
        (warnings if is_link and (table, p.field) not in FOLLOWED_LINKS else problems).append(p)
    return Findings(tuple(problems), tuple(warnings))


def _package_descriptor(
    present: set[str], *, links: bool, skip: set[str] | None = None
) -> dict[str, Any]:
    """The official descriptor, arranged for one run (see the module docstring)."""
    descriptor = official_descriptor()
    resources = []
    for r in descriptor["resources"]:
        schema = r["schema"]
        schema["fieldsMatch"] = "partial"
        if not links:
            schema.pop("foreignKeys", None)
            if r["name"] not in present:
                continue
        else:
            keys = schema.get("foreignKeys", [])
            schema["foreignKeys"] = [
                k
                for k in keys
                if r["name"] in present and k["reference"]["resource"] not in (skip or set())
            ]
        if r["name"] in present:
            r["encoding"] = "utf-8"
            r["dialect"] = {"delimiter": ",", "quoteChar": '"'}
        else:  # left out of the export, or unreadable: an empty table, so references fail
            r["data"] = [[f["name"] for f in schema["fields"]]]
            for key in ("path", "format", "mediatype", "encoding"):
                r.pop(key, None)
        resources.append(r)
    descriptor["resources"] = resources
    return descriptor


def _run(
    folder: Path,
    present: set[str],
    *,
    links: bool,
    only_links: bool = False,
    skip: set[str] | None = None,
) -> list[tuple[str, Problem]]:
    from frictionless import Checklist, Package  # slow to import: only when checking

    descriptor = _package_descriptor(present, links=links, skip=skip)
    package = Package(descriptor, basepath=str(folder))
    checklist = Checklist(pick_errors=["foreign-key"]) if only_links else Checklist()
    report = package.validate(checklist)
    files = table_files()
    found: list[tuple[str, Problem]] = []
    for task in report.tasks:
        errors = _drop_echoes(task.errors)
        found.extend((task.name, _problem(task.name, files[task.name], e)) for e in errors)
    found.extend(
        (
            "",
            Problem("(the whole export)", None, None, f"could not be checked: {e.message}", e.type),
        )
        for e in report.errors
    )
    return found


def _drop_echoes(errors: Iterable[Any]) -> list[Any]:
    """Drop primary-key errors that only repeat a cell error on the same row's ``id``."""
    errors = list(errors)
    id_rows = {
        getattr(e, "row_number", None)
        for e in errors
        if getattr(e, "field_name", None) == "id" and e.type != "primary-key"
    }
    return [
        e
        for e in errors
        if not (e.type == "primary-key" and getattr(e, "row_number", None) in id_rows)
    ]


def _shown(cell: object) -> str:
    text = str(cell)
    return repr(text if len(text) <= 60 else text[:57] + "...")


_TYPE_WORDS = {
    "string/uuid": "is not a UUID (an id looks like 3f2504e0-4f89-41d3-9a0c-0305e82c3301)",
    "string/email": "is not an email address",
    "string/uri": "is not a full web address (it should start with https:// or http://)",
    "number": "is not a number",
    "integer": "is not a whole number",
    "date": "is not a date written as YYYY-MM-DD",
    "time": "is not a time written as HH:MM:SS on a 24-hour clock, e.g. 09:00:00",
    "datetime": "is not a date and time written as YYYY-MM-DDTHH:MM:SSZ",
}


def _type_error(table: str, e: Any) -> str:
    spec = field_spec(table, e.field_name)
    kind = spec.get("type", "")
    fmt = spec.get("format", "default")
    words = _TYPE_WORDS.get(f"{kind}/{fmt}") or _TYPE_WORDS.get(kind) or f"is not a valid {kind}"
    return f"{_shown(e.cell)} {words}."


def _constraint_error(table: str, e: Any) -> str:
    match = re.search(r'constraint "(\w+)"', e.note or "")
    which = match.group(1) if match else ""
    if which == "required":
        return "this field is required but is empty."
    if which == "enum":
        allowed = ", ".join(field_spec(table, e.field_name)["constraints"]["enum"])
        return f"{_shown(e.cell)} is not allowed here; use one of: {allowed}."
    return f"{_shown(e.cell)} breaks the '{which}' rule ({e.note})."


def _unique_error(table: str, e: Any) -> str:
    match = re.search(r"position (\d+)", e.note or "")
    first = f" (first in row {match.group(1)})" if match else ""
    return (
        f"{_shown(e.cell)} is used more than once{first}; each value in this column must "
        "be different."
    )


def _foreign_key(table: str, e: Any) -> str:
    target = table_files().get(e.reference_name, e.reference_name)
    value = ", ".join(e.field_cells)
    return (
        f"points at {e.reference_name} id {value!r}, but {target} has no row with that id. "
        f"Add the missing {e.reference_name} or correct the id."
    )


_MESSAGES: dict[str, Callable[[str, Any], str]] = {
    "type-error": _type_error,
    "constraint-error": _constraint_error,
    "foreign-key": _foreign_key,
    "unique-error": _unique_error,
    "primary-key": lambda t, e: f"this row's id is not unique ({e.note}).",
    "missing-label": lambda t, e: "this required column is missing from the header row.",
    "extra-cell": lambda t, e: (
        "this row has more values than the header has columns "
        "(often a comma inside text that is not in quotes)."
    ),
    "missing-cell": lambda t, e: "this row has fewer values than the header has columns.",
    "blank-row": lambda t, e: "this row is empty; delete it.",
    "unmatched-header": lambda t, e: (
        "none of the columns has an HSDS field name; is the first "
        "row the header, and are values separated by commas?"
    ),
    "encoding-error": lambda t, e: (
        "the file is not UTF-8 text, so it cannot be read "
        f"({e.note}). Save it again as 'CSV UTF-8'."
    ),
    "source-error": lambda t, e: f"the file cannot be read as CSV ({e.note}).",
    "scheme-error": lambda t, e: f"the file cannot be opened ({e.note}).",
    "format-error": lambda t, e: f"the file cannot be read as CSV ({e.note}).",
}


def _problem(table: str, file: str, e: Any) -> Problem:
    row = getattr(e, "row_number", None)
    field = getattr(e, "field_name", None) or None
    if e.type == "foreign-key":
        field = ", ".join(e.field_names)
    elif e.type == "unique-error" or e.type == "primary-key":
        field = field or "id"
    describe = _MESSAGES.get(e.type)
    if describe is not None:
        message = describe(table, e)
    elif "unique labels" in (e.note or ""):
        message = "two columns have the same heading; each heading must appear once."
    else:
        message = e.message
    return Problem(file, row, field, message, e.type)
