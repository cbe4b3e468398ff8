"""Rosters: a CSV of the people in a cohort, validated row by row before anything is imported.

Columns (header required, any order, case-insensitive):

    id, first_name, last_name, email, role

``id`` is the login name (lowercase letters, digits, ``.``, ``_`` and ``-``; it becomes a
JupyterHub user name and an nbgrader student id). ``role`` is ``trainee`` (default) or
``supervisor``. Every row is checked first; if any row is bad nothing is imported and the
error lists each bad row and column.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from paratrain.csvsafe import neutralise_row, restore
from paratrain.errors import RosterError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
EMAIL_PATTERN = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$")
COLUMNS = ("id", "first_name", "last_name", "email", "role")
REQUIRED = ("id", "first_name", "last_name")
ROLES = ("trainee", "supervisor")


@dataclass(frozen=True)
class Person:
    id: str
    first_name: str
    last_name: str
    email: str = ""
    role: str = "trainee"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


OTHER_DELIMITERS = {";": "';'", "\t": "tab", "|": "'|'"}


def _check_delimiter(text: str, path: str | Path) -> None:
    """Refuse a roster that is not comma-separated, and say what it looks like.

    Spreadsheet programs set to many European languages save "CSV" with semicolons.
    """
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if "," in first:
        return
    for sep, name in OTHER_DELIMITERS.items():
        if first.count(sep) >= 1:
            raise RosterError(
                f"the roster looks like {name}-separated, not comma-separated; nothing was "
                "imported",
                path=path,
                problems=[f"line 1: columns separated by {name}"],
                hint="save it again as 'CSV UTF-8 (comma delimited)', or replace each "
                f"{name} between columns with a comma",
            )


def parse_roster(text: str, path: str | Path = "<roster>") -> list[Person]:
    """Parse and validate roster CSV text. Raises RosterError listing every problem."""
    problems: list[str] = []
    _check_delimiter(text, path)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RosterError(
            f"the header is missing column(s): {', '.join(missing)}",
            path=path,
            problems=[f"header: missing {c}" for c in missing],
            hint=f"the first line must name the columns, e.g. {','.join(COLUMNS)}",
        )
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        problems.append(
            f"header: unknown column(s) {', '.join(unknown)} (expected {', '.join(COLUMNS)})"
        )
    reader.fieldnames = header
    people: list[Person] = []
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for row_no, row in enumerate(reader, start=2):
        if None in row:
            problems.append(
                f"row {row_no}: more values than columns (a comma inside a name needs quotes)"
            )
            continue
        values = {k: restore((v or "").strip()) for k, v in row.items() if k in COLUMNS}
        if not any(values.values()):
            continue
        for col in REQUIRED:
            if not values.get(col):
                problems.append(f"row {row_no}, column {col}: empty")
        pid = values.get("id", "")
        if pid and not ID_PATTERN.match(pid):
            problems.append(
                f"row {row_no}, column id: '{pid}' must be lowercase letters, "
                "digits, '.', '_' or '-' (it is a login name)"
            )
        if pid in seen_ids:
            problems.append(f"row {row_no}, column id: '{pid}' already used on row {seen_ids[pid]}")
        seen_ids.setdefault(pid, row_no)
        email = values.get("email", "")
        if email and not EMAIL_PATTERN.match(email):
            problems.append(f"row {row_no}, column email: '{email}' is not an email address")
        if email and email.lower() in seen_emails:
            problems.append(
                f"row {row_no}, column email: '{email}' already used on row "
                f"{seen_emails[email.lower()]}"
            )
        if email:
            seen_emails.setdefault(email.lower(), row_no)
        role = values.get("role", "").lower() or "trainee"
        if role not in ROLES:
            problems.append(f"row {row_no}, column role: '{role}' must be trainee or supervisor")
        people.append(
            Person(pid, values.get("first_name", ""), values.get("last_name", ""), email, role)
        )
    if not people and not problems:
        problems.append("the roster has no people in it")
    if problems:
        raise RosterError(
            f"{len(problems)} problem(s) in the roster; nothing was imported",
            path=path,
            problems=problems,
            hint="fix the rows listed and import the whole file again",
        )
    return people


def read_roster(path: str | Path) -> list[Person]:
    """Read a roster file (UTF-8, with or without a byte-order mark)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise RosterError(f"cannot read the roster ({exc.strerror})", path=p) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RosterError(
            f"line {line} is not UTF-8 text",
            path=p,
            problems=[f"row {line}: not UTF-8"],
            hint="save the file as 'CSV UTF-8' in your spreadsheet program",
        ) from None
    return parse_roster(text, p)


def to_csv(people: Iterable[Person]) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(COLUMNS)
    for p in people:
        w.writerow(neutralise_row([p.id, p.first_name, p.last_name, p.email, p.role]))
    return out.getvalue()


def trainees(people: Iterable[Person]) -> list[Person]:
    return [p for p in people if p.role == "trainee"]


def supervisors(people: Iterable[Person]) -> list[Person]:
    return [p for p in people if p.role == "supervisor"]
