"""The supervision store on SQLite and on a real PostgreSQL: append-only, versioned, and the
same behaviour on both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from paratrain.errors import StoreError
from paratrain.supervision import flags, queue, schema, sessions
from paratrain.supervision.store import STORE_ENV, Store, default_url
from tests.supervision.conftest import Clock


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("fresh_postgres_url")
    s = Store(url, clock=Clock())
    yield s
    s.close()


def test_records_round_trip_with_times(any_store: Store) -> None:
    fid = any_store.add(
        schema.flag,
        {
            "course": "c",
            "key": "k1",
            "kind": "late-work",
            "severity": 4,
            "reason": "late",
            "detail": {"a": [1]},
            "raised_by": "paratrain",
        },
    )
    rows = any_store.rows(schema.flag, schema.flag.c.course == "c")
    assert [r["id"] for r in rows] == [fid]
    assert rows[0]["detail"] == {"a": [1]}
    assert rows[0]["created_at"].tzinfo is not None


@pytest.mark.parametrize("sql", ["UPDATE flag SET reason = 'x'", "DELETE FROM flag"])
def test_history_cannot_be_rewritten_even_in_sql(any_store: Store, sql: str) -> None:
    any_store.add(
        schema.flag,
        {
            "course": "c",
            "key": "k",
            "kind": "late-work",
            "severity": 4,
            "reason": "late",
            "detail": {},
            "raised_by": "paratrain",
        },
    )
    with pytest.raises(Exception, match="append-only"), any_store.engine.begin() as conn:
        conn.execute(text(sql))
    assert any_store.rows(schema.flag)[0]["reason"] == "late"


def test_duplicate_flag_key_is_refused_with_a_store_error(any_store: Store) -> None:
    row = {
        "course": "c",
        "key": "same",
        "kind": "late-work",
        "severity": 4,
        "reason": "r",
        "detail": {},
        "raised_by": "paratrain",
    }
    any_store.add(schema.flag, row)
    with pytest.raises(StoreError, match="append-only"):
        any_store.add(schema.flag, row)


def test_flag_resolution_and_queue_and_log_work_the_same(any_store: Store) -> None:
    new = flags.store_flags(any_store, [flags.Flag("c", "k", "harmful-choice", "why", "a", "s")])
    assert len(new) == 1 and flags.store_flags(any_store, new) == []
    (view,) = flags.list_flags(any_store, "c")
    flags.resolve_flag(any_store, view.id, by="grace", note="discussed in supervision")
    assert flags.list_flags(any_store, "c") == []
    (done,) = flags.list_flags(any_store, "c", status="resolved")
    assert done.resolution is not None and done.resolution["actor"] == "grace"
    item = queue.add_item(any_store, "c", student="s", assignment="a", subject="", by="lead")
    queue.assign(any_store, "c", item, "grace", by="lead")
    assert queue.items(any_store, "c", assignee="grace")[0].state == "assigned"
    sessions.record_session(
        any_store, "c", sessions.Session("s", "grace", "2026-03-01", 45), by="grace"
    )
    assert [r["minutes"] for r in sessions.current_sessions(any_store, "c")] == [45]


def test_a_store_from_a_newer_paratrain_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    Store(url).close()
    s = Store(url)
    with s.engine.begin() as conn:
        conn.execute(schema.store_meta.insert().values(schema_version=99, created_at=s.clock()))
    s.close()
    with pytest.raises(StoreError, match="newer paratrain"):
        Store(url)


def test_unreachable_store_is_a_store_error_without_password() -> None:
    with pytest.raises(StoreError) as err:
        Store("postgresql+psycopg://me:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(err.value)


def test_default_url_is_beside_the_gradebook(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from paratrain.cohort.course import Course

    c = Course(tmp_path / "course", "c", tmp_path / "x", f"sqlite:///{tmp_path}/db/gradebook.db")
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert default_url(c) == f"sqlite:///{tmp_path}/db/paratrain-supervision.db"
    monkeypatch.setenv(STORE_ENV, "postgresql+psycopg://h/db")
    assert default_url(c) == "postgresql+psycopg://h/db"
