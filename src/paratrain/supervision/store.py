"""Open paratrain's supervision store: SQLite beside the gradebook by default, PostgreSQL by URL.

The store is the adapter between the supervision rooms (reviews, flags, rubrics, queue, log)
and a database. It only inserts and selects: see :mod:`paratrain.supervision.schema` for why
nothing is ever updated.

Which database (first that applies):

1. the ``url`` given to :func:`open_store` (``--store`` on the command line);
2. the environment variable ``PARATRAIN_STORE_URL`` (:class:`paratrain.settings.Settings`);
3. ``sqlite:///<folder of gradebook.db>/paratrain-supervision.db`` when the gradebook is SQLite,
   else ``<course>/paratrain-supervision.db``.

For several supervisors grading at once use PostgreSQL, e.g.
``postgresql+psycopg://user@host/paratrain`` (install ``paratrain[postgres]``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    Table,
    create_engine,
    event,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.sql.elements import ColumnElement

from paratrain.cohort.course import Course
from paratrain.errors import StoreError
from paratrain.settings import Settings
from paratrain.supervision import schema

STORE_ENV = Settings.env_name("store_url")
STORE_FILE = "paratrain-supervision.db"

Row = dict[str, Any]


def default_url(course: Course, settings: Settings | None = None) -> str:
    """Where a course's store lives when no URL is given (see the module docstring)."""
    configured = (settings or Settings.from_env()).store_url
    if configured:
        return configured
    folder = course.root
    prefix = "sqlite:///"
    if course.db_url.startswith(prefix) and course.db_url != prefix + ":memory:":
        folder = Path(course.db_url[len(prefix) :]).parent
    return f"{prefix}{folder / STORE_FILE}"


def _utc(value: Any) -> Any:
    """SQLite hands back naive datetimes; every time in the store is UTC."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Store:
    """A connection to the supervision store.

    Parameters
    ----------
    url:
        SQLAlchemy URL (``sqlite:///path.db``, ``postgresql+psycopg://...``).
    clock:
        Returns the current time (UTC). Tests pass a fixed clock.
    """

    def __init__(self, url: str, *, clock: Callable[[], datetime] | None = None) -> None:
        self.url = url
        self.clock = clock or (lambda: datetime.now(UTC))
        try:
            self.engine: Engine = create_engine(url, future=True)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(
                f"cannot use the supervision store at {_safe(url)} ({exc})",
                hint="check the URL; PostgreSQL needs paratrain[postgres]",
            ) from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self._prepare()
        except BaseException:
            self.engine.dispose()
            raise

    # --- lifecycle ---------------------------------------------------------------------
    def _prepare(self) -> None:
        with self._errors("prepare"):
            if self.engine.dialect.name == "sqlite":
                path = self.engine.url.database
                if path and path != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
            schema.metadata.create_all(self.engine)
            with self.engine.begin() as conn:
                found = conn.execute(select(schema.store_meta.c.schema_version)).scalars().all()
                if not found:
                    conn.execute(
                        insert(schema.store_meta).values(
                            schema_version=schema.SCHEMA_VERSION, created_at=self.clock()
                        )
                    )
                elif max(found) > schema.SCHEMA_VERSION:
                    raise StoreError(
                        f"the supervision store at {_safe(self.url)} was written by a newer "
                        f"paratrain (schema {max(found)}; this one reads {schema.SCHEMA_VERSION})",
                        hint="upgrade paratrain",
                    )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _errors(self, what: str) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except IntegrityError as exc:
            raise StoreError(
                f"the supervision store refused to {what}: {exc.orig}",
                hint="records are append-only; add a new entry instead",
            ) from None
        except SQLAlchemyError as exc:
            raise StoreError(
                f"the supervision store at {_safe(self.url)} could not {what} "
                f"({exc.__class__.__name__}: {exc})",
                hint="check that the database exists and is reachable",
            ) from None

    # --- writes: inserts only ----------------------------------------------------------
    def add(
        self, table: Table, values: Mapping[str, Any], *, conn: Connection | None = None
    ) -> int:
        """Insert one record (``created_at`` is set here) and return its id."""
        row = {"created_at": self.clock(), **values}
        with self._errors(f"add to {table.name}"):
            if conn is not None:
                return _new_id(conn.execute(insert(table).values(**row)))
            with self.engine.begin() as c:
                return _new_id(c.execute(insert(table).values(**row)))

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Several inserts that land together or not at all."""
        with self._errors("save"), self.engine.begin() as conn:
            yield conn

    # --- reads -------------------------------------------------------------------------
    def rows(self, table: Table, *where: ColumnElement[bool]) -> list[Row]:
        """Every record of ``table`` matching ``where``, oldest first."""
        query = select(table).where(*where).order_by(table.c.id)
        with self._errors(f"read {table.name}"), self.engine.connect() as conn:
            return [{k: _utc(v) for k, v in r._mapping.items()} for r in conn.execute(query)]


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - every table has an integer primary key
        raise StoreError("the store did not return the new record's id")
    return int(key[0])


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "<store url>"


def open_store(
    course: Course | None = None,
    url: str | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
) -> Store:
    """Open (and create if needed) the store for ``course`` or at ``url``.

    Raises
    ------
    StoreError
        If the database cannot be reached or was written by a newer paratrain.
    """
    if url is None:
        if course is None:
            raise StoreError("no supervision store given", hint="pass a course or a URL")
        url = default_url(course)
    return Store(url, clock=clock)
