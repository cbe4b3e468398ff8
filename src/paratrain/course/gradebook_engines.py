"""nbgrader's gradebook, opened cheaply many times in one grading process.

nbgrader's preprocessors open ``nbgrader.api.Gradebook(db_url)`` about nine times per
submission, and each ``Gradebook()`` builds a new SQLAlchemy engine: a new connection, a look
at every table (``create_all``), and a cold statement cache, so every query is compiled again.
On SQLite every one of the ~20 commits per submission also waits for the disk twice.

:func:`share_engines` makes every ``Gradebook`` of one URL in this process use one engine
(opened, checked and upgraded once by nbgrader's own ``__init__``); each ``Gradebook`` still
gets its own session, runs nbgrader's ``check_course`` and is closed as before, so nbgrader's
queries, writes and rules are unchanged. :func:`sqlite_wal` puts a SQLite gradebook in
write-ahead-log mode for the length of a grading run, so parallel workers' commits neither
block readers nor wait for the disk each time (``synchronous=NORMAL``, which WAL keeps safe
from corruption), and puts the file back in the mode it had afterwards.

Only ``paratrain grade``'s worker processes call :func:`share_engines`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

# nbgrader versions whose Gradebook.__init__ this was written against (it sets engine, db,
# course_id and authenticator, and close() removes the session and disposes the engine).
KNOWN_NBGRADER = ("0.9.",)
BUSY_TIMEOUT_S = 120.0

_engines: dict[str, Any] = {}


def sqlite_path(db_url: str) -> Path | None:
    """The database file of a ``sqlite:///`` URL, else None (PostgreSQL, in-memory)."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _engine(db_url: str) -> Any:
    from sqlalchemy import create_engine, event

    if sqlite_path(db_url) is None:
        return create_engine(db_url, echo=False, future=True)
    engine = create_engine(
        db_url, echo=False, future=True, connect_args={"timeout": BUSY_TIMEOUT_S}
    )

    @event.listens_for(engine, "connect")
    def _pragmas(conn: Any, _record: Any) -> None:
        cur = conn.cursor()
        mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() == "wal":
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


def share_engines() -> bool:
    """From now on, every nbgrader ``Gradebook`` in this process shares one engine per URL.

    Returns False (and changes nothing) for an nbgrader this was not written for.
    """
    import nbgrader
    from nbgrader import api
    from sqlalchemy.orm import scoped_session, sessionmaker

    cls: Any = api.Gradebook
    if getattr(cls, "_paratrain_shared", False):
        return True
    if not str(nbgrader.__version__).startswith(KNOWN_NBGRADER):
        return False
    nbgrader_init, nbgrader_close = cls.__init__, cls.close

    def __init__(
        self: Any, db_url: str, course_id: str = "default_course", authenticator: Any = None
    ) -> None:
        engine = _engines.get(db_url)
        if engine is None:
            nbgrader_init(self, db_url, course_id, authenticator)  # tables, alembic, course
            nbgrader_close(self)
            engine = _engines[db_url] = _engine(db_url)
        self.engine = engine
        self.db = scoped_session(sessionmaker(autoflush=True, bind=engine, future=True))
        self.check_course(course_id=course_id)
        self.course_id = course_id
        self.authenticator = authenticator

    def close(self: Any) -> None:
        self.db.remove()  # the engine stays open for the next Gradebook of this process

    cls.__init__, cls.close = __init__, close
    cls._paratrain_shared = True
    return True


def _journal_mode(path: Path, mode: str | None = None) -> str:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    try:
        sql = "PRAGMA journal_mode" + (f"={mode}" if mode else "")
        return str(conn.execute(sql).fetchone()[0]).lower()
    finally:
        conn.close()


@contextlib.contextmanager
def sqlite_wal(db_url: str) -> Iterator[bool]:
    """A SQLite gradebook in WAL mode inside the block (yields whether it is); any other
    database, or a file that cannot switch (another program holds it), is left as it is."""
    path = sqlite_path(db_url)
    if path is None or not path.is_file():
        yield False
        return
    try:
        before = _journal_mode(path)
        now = before if before == "wal" else _journal_mode(path, "wal")
    except sqlite3.Error:
        yield False
        return
    try:
        yield now == "wal"
    finally:
        if before != "wal" and now == "wal":
            with contextlib.suppress(sqlite3.Error):
                _journal_mode(path, before)
