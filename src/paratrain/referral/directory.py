"""Load a resource directory: an Open Referral HSDS 3.0 tabular export (a folder of CSVs).

Which directory, in order:

1. the ``path`` given to :func:`load_directory`;
2. the folder named by the environment variable ``PARATRAIN_DIRECTORY``, so a program can point
   every notebook at its own export without editing them;
3. the fictional Riverbend directory that ships with paratrain.

Which time zone opening hours are read in (HSDS tabular data has no package-wide zone): the
``timezone`` argument, else ``PARATRAIN_DIRECTORY_TIMEZONE``, else Riverbend's
``America/Chicago``.

**Checking and speed.** Checking with frictionless (:mod:`.validation`) takes a few seconds,
most of it frictionless starting up. So:

- an export from elsewhere is checked every time it is loaded into a fresh Python session;
- the bundled Riverbend directory is *not* checked when a notebook loads it: it cannot change
  without a developer regenerating it, and the test suite checks it against the official rules
  on every run (``validate=True`` forces a check anyway);
- every loaded directory is kept in memory, keyed by its folder, time zone and the size and
  modification time of each file, so later calls in the same session are instant and an edited
  export is re-read and re-checked.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from paratrain.errors import DirectoryError

from .catalog import Offering, build_catalog
from .spec import RIVERBEND, table_fields, table_files
from .validation import ROW_HINT, check_directory

ENV_DIRECTORY = "PARATRAIN_DIRECTORY"
ENV_TIMEZONE = "PARATRAIN_DIRECTORY_TIMEZONE"
RIVERBEND_TIMEZONE = "America/Chicago"
#: How many problems the error message lists; ``DirectoryError.problems`` has them all.
MAX_LISTED = 40


@dataclass(frozen=True, eq=False, repr=False)
class Directory:
    """A loaded resource directory. Treat the tables as read-only.

    Attributes
    ----------
    path:
        The folder it was read from.
    tables:
        HSDS table name (``"service"``, ``"location"``, ...) -> its rows as a DataFrame of text,
        with every official column ("" where empty). Tables the export left out are empty.
    timezone:
        IANA time zone the opening hours are read in.
    validated:
        True when it was checked against the official HSDS 3.0 rules while loading.
    warnings:
        Things worth fixing that did not stop loading, in plain words.
    """

    path: Path
    tables: Mapping[str, pd.DataFrame]
    timezone: str
    validated: bool
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:
        services = len(self.tables["service"]) if "service" in self.tables else 0
        return (
            f"Directory('{self.path}', {services} services, timezone={self.timezone!r}, "
            f"validated={self.validated}, {len(self.warnings)} warnings)"
        )

    @property
    def zone(self) -> ZoneInfo:
        """The time zone as an object."""
        return ZoneInfo(self.timezone)

    @property
    def is_riverbend(self) -> bool:
        """True for the fictional directory that ships with paratrain."""
        return self.path.resolve() == RIVERBEND.resolve()

    def rows(self, table: str) -> list[dict[str, str]]:
        """The rows of one table as dictionaries of text.

        Parameters
        ----------
        table:
            HSDS table name, e.g. ``"service"``.

        Returns
        -------
        list of dict
        """
        records: list[dict[str, str]] = self.tables[table].to_dict("records")
        return records

    @cached_property
    def catalog(self) -> tuple[Offering, ...]:
        """Every service at every place, joined across the tables (built once)."""
        return build_catalog({name: self.rows(name) for name in self.tables})


def default_path() -> Path:
    """The folder :func:`load_directory` reads when given none.

    Returns
    -------
    Path
        ``$PARATRAIN_DIRECTORY`` when set, else the bundled Riverbend directory.
    """
    configured = os.environ.get(ENV_DIRECTORY, "").strip()
    return Path(configured).expanduser() if configured else RIVERBEND


def load_directory(
    path: str | Path | None = None,
    *,
    timezone: str | None = None,
    validate: bool | None = None,
) -> Directory:
    """Load and check an HSDS 3.0 tabular resource directory.

    Parameters
    ----------
    path:
        The export's folder, or its ``datapackage.json``. Default: ``$PARATRAIN_DIRECTORY``,
        else the fictional Riverbend directory.
    timezone:
        IANA time zone of the opening hours, e.g. ``"America/New_York"``. Default:
        ``$PARATRAIN_DIRECTORY_TIMEZONE``, else ``"America/Chicago"``.
    validate:
        Check against the official HSDS 3.0 rules. Default: yes, except for the bundled
        Riverbend directory (checked by the test suite instead; see the module docstring).

    Returns
    -------
    Directory

    Raises
    ------
    DirectoryError
        When the folder is missing or the export breaks the HSDS 3.0 rules; ``problems`` lists
        every problem with its file, row and field.
    """
    from_env = path is None and bool(os.environ.get(ENV_DIRECTORY, "").strip())
    folder = Path(path).expanduser() if path is not None else default_path()
    if folder.suffix.lower() == ".json":
        folder = folder.parent
    if not folder.is_dir():
        source = f" (from ${ENV_DIRECTORY})" if from_env else ""
        raise DirectoryError(
            f"there is no directory export here{source}.",
            path=folder,
            hint="Give the folder that holds organizations.csv and services.csv"
            + (
                f", or unset {ENV_DIRECTORY} to use the built-in Riverbend directory."
                if from_env
                else "."
            ),
        )
    zone = _zone(timezone)
    check = validate if validate is not None else folder.resolve() != RIVERBEND.resolve()
    return _load(folder.resolve(), zone, check, _fingerprint(folder))


def _zone(timezone: str | None) -> str:
    name = timezone or os.environ.get(ENV_TIMEZONE, "").strip() or RIVERBEND_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise DirectoryError(
            f"{name!r} is not a time zone paratrain knows.",
            hint="Use an IANA time zone name such as 'America/New_York' or 'America/Chicago'.",
        ) from e
    return name


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for file in table_files().values():
        p = folder / file
        if p.is_file():
            st = p.stat()
            stamps.append((file, st.st_mtime_ns, st.st_size))
    return tuple(stamps)


@lru_cache(maxsize=8)
def _load(
    folder: Path, timezone: str, validate: bool, fingerprint: tuple[tuple[str, int, int], ...]
) -> Directory:
    warnings: list[str] = []
    if validate:
        findings = check_directory(folder)
        if findings.problems:
            raise _error(folder, [str(p) for p in findings.problems])
        warnings.extend(f"{w} (paratrain does not use this link)" for w in findings.warnings)
    tables = {name: _read(folder, name, file, warnings) for name, file in table_files().items()}
    return Directory(folder, MappingProxyType(tables), timezone, validate, tuple(warnings))


def _read(folder: Path, name: str, file: str, warnings: list[str]) -> pd.DataFrame:
    official = list(table_fields(name))
    path = folder / file
    if not path.is_file():
        return pd.DataFrame({c: pd.Series(dtype=str) for c in official})
    try:
        frame: Any = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (ValueError, OSError, pd.errors.ParserError) as e:
        raise _error(
            folder,
            [f"{file}: cannot be read ({e})."],
            hint="Load it with validate=True for a full report.",
        ) from e
    for column in frame.columns:
        if column not in official:
            warnings.append(
                f"{file}: column '{column}' is not an HSDS 3.0 field; "
                "paratrain ignores it (is it misspelt?)."
            )
    for column in official:
        if column not in frame.columns:
            frame[column] = ""
    return frame[official + [c for c in frame.columns if c not in official]]


def _error(folder: Path, problems: list[str], hint: str = "") -> DirectoryError:
    listed = problems[:MAX_LISTED]
    more = len(problems) - len(listed)
    lines = "\n".join(f"  - {p}" for p in listed)
    if more:
        lines += f"\n  ... and {more} more (all are in the error's .problems)"
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    return DirectoryError(
        f"this resource directory does not follow Open Referral HSDS 3.0 ({count}):\n{lines}",
        path=folder,
        problems=problems,
        hint=hint
        or "Fix each problem in the file, row and field named, then load it again. " + ROW_HINT,
    )
