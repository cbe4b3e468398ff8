"""A real PostgreSQL 15 for tests: Debian's server from /usr/lib/postgresql/15/bin, started on a
free port on 127.0.0.1 in a temporary folder owned by ``postgres`` (initdb refuses to run as
root), torn down at the end of the session.

    from tests.postgres import postgres_url   # noqa: F401  (a session-scoped fixture)

    @pytest.mark.postgres
    def test_something(postgres_url: str) -> None: ...

Under ``CI=true`` a server that cannot start fails the test; locally it skips with the reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required in CI but could not start: {reason}")
    pytest.skip(f"PostgreSQL not available: {reason}")


def _as_postgres(*cmd: str) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return list(cmd)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[str, int]]:
    """(host, port) of a running PostgreSQL 15; trust authentication for user postgres."""
    if not (PG_BIN / "initdb").exists():
        _unavailable(f"{PG_BIN}/initdb not found (apt-get install postgresql-15)")
    try:
        pw = pwd.getpwnam("postgres")
    except KeyError:
        _unavailable("there is no 'postgres' system user")
    base = Path(tempfile.mkdtemp(prefix="paratrain-pg-"))
    data = base / "data"
    data.mkdir()
    if os.geteuid() == 0:
        for p in (base, data):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    base.chmod(0o755)
    port = _free_port()
    log = data / "server.log"
    started = False
    try:
        init = subprocess.run(
            _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if init.returncode != 0:
            _unavailable(f"initdb failed: {init.stderr.strip()[-400:]}")
        opts = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"
        start = subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                opts,
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "start",
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if start.returncode != 0:
            text = log.read_text() if log.exists() else start.stderr
            _unavailable(f"pg_ctl start failed: {text.strip()[-400:]}")
        started = True
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        if started:
            subprocess.run(
                _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"),
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


def _new_database(server: tuple[str, int]) -> str:
    """Create an empty database on the server; return its SQLAlchemy URL (psycopg 3)."""
    import psycopg

    host, port = server
    name = "paratrain_" + uuid.uuid4().hex[:10]
    with psycopg.connect(
        host=host, port=port, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@{host}:{port}/{name}"


@pytest.fixture(scope="session")
def postgres_url(postgres_server: tuple[str, int]) -> str:
    """A SQLAlchemy URL (psycopg 3) to a fresh database on the session's server."""
    return _new_database(postgres_server)


@pytest.fixture
def fresh_postgres_url(postgres_server: tuple[str, int]) -> str:
    """A new empty database for one test (same server)."""
    return _new_database(postgres_server)
