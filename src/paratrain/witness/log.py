"""The witness's append-only record (SQLite) and the check grading makes against it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from paratrain.errors import InputError
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.assess import WitnessCheck

FILE = "witness.sqlite"
SCHEMA = """
CREATE TABLE IF NOT EXISTS event (
    trainee TEXT NOT NULL,
    scenario TEXT NOT NULL,
    stream TEXT NOT NULL,      -- the chain link of the transcript's first event
    seq INTEGER NOT NULL,
    chain TEXT NOT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (trainee, scenario, stream, seq)
);
CREATE TRIGGER IF NOT EXISTS event_no_update BEFORE UPDATE ON event
BEGIN SELECT RAISE(ABORT, 'the witness record is append-only'); END;
CREATE TRIGGER IF NOT EXISTS event_no_delete BEFORE DELETE ON event
BEGIN SELECT RAISE(ABORT, 'the witness record is append-only'); END;
"""
MAX_SEQ = tx.MAX_EVENTS


class WitnessConflict(InputError):
    """A move that contradicts what the witness already recorded (a different link at a
    recorded position, or a gap)."""


@dataclass(frozen=True)
class Verdict:
    problem: str | None  # None (as witnessed) | "tampered" | "unwitnessed"
    detail: str = ""


class WitnessLog:
    """The record of one course (``<course>/witness.sqlite``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    @classmethod
    def of_course(cls, root: str | Path) -> WitnessLog:
        return cls(Path(root) / FILE)

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(SCHEMA)
            yield conn
        finally:
            conn.close()

    def record(self, trainee: str, scenario: str, stream: str, seq: int, chain: str) -> bool:
        """Append one move; True if new, False if it was already recorded (a resend).

        Raises
        ------
        WitnessConflict
            If the position holds another link, or earlier positions are missing.
        """
        if not (1 <= seq <= MAX_SEQ) or not chain or not stream or not trainee or not scenario:
            raise WitnessConflict(
                "a move needs a trainee, a scenario, a stream, a position "
                f"from 1 to {MAX_SEQ} and a chain link"
            )
        if seq == 1 and chain != stream:
            raise WitnessConflict("the first move's link names its stream")
        with self._db() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                rows = dict(
                    db.execute(
                        "SELECT seq, chain FROM event WHERE trainee=? AND scenario=? AND stream=?",
                        (trainee, scenario, stream),
                    ).fetchall()
                )
                if seq in rows:
                    db.execute("ROLLBACK")
                    if rows[seq] != chain:
                        raise WitnessConflict(f"move {seq} was already recorded differently")
                    return False
                if seq != len(rows) + 1:
                    db.execute("ROLLBACK")
                    raise WitnessConflict(f"move {seq} arrived before move {len(rows) + 1}")
                db.execute(
                    "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        trainee,
                        scenario,
                        stream,
                        seq,
                        chain,
                        datetime.now(UTC).isoformat(timespec="milliseconds"),
                    ),
                )
                db.execute("COMMIT")
                return True
            except sqlite3.Error:
                db.execute("ROLLBACK")
                raise

    def streams(self, trainee: str, scenario: str) -> dict[str, list[str]]:
        """Every recorded stream of a trainee's role-play: stream -> links in order."""
        if not self.exists:
            return {}
        with self._db() as db:
            out: dict[str, list[str]] = {}
            for stream, chain in db.execute(
                "SELECT stream, chain FROM event WHERE trainee=? AND scenario=? "
                "ORDER BY stream, seq",
                (trainee, scenario),
            ):
                out.setdefault(stream, []).append(chain)
            return out


def verify(log: WitnessLog, t: tx.Transcript, trainee: str) -> Verdict:
    """Compare a transcript with what the witness recorded for ``trainee``."""
    links = [e.chain or "" for e in t.events]
    streams = log.streams(trainee, t.scenario_id)
    if not streams:
        return (
            Verdict(
                "unwitnessed", "the witness has no record of this trainee playing this role-play"
            )
            if links
            else Verdict(None)
        )
    if links and links[0] in streams:
        seen = streams[links[0]]
        if seen == links:
            return Verdict(None)
        if seen[: len(links)] == links:
            return Verdict(
                "tampered",
                f"the witness recorded {len(seen)} moves but the "
                f"transcript has only {len(links)} (moves were cut)",
            )
        if links[: len(seen)] == seen:
            return Verdict(
                "unwitnessed", f"moves {len(seen) + 1} to {len(links)} did not reach the witness"
            )
        return Verdict("tampered", "the transcript's moves are not the ones the witness recorded")
    return Verdict(
        "tampered",
        "the witness recorded this trainee playing this role-play, "
        "but not the moves in this transcript (it was rebuilt or replaced)",
    )


def witness_check(root: Path, student: str, mode: str) -> WitnessCheck | None:
    """The course's witness check for ``student`` (mode ``auto``: when the course has a
    witness record; ``require``: always; ``off``: never)."""
    record = WitnessLog.of_course(root)
    if mode == "off" or (mode == "auto" and not record.exists):
        return None

    def check(t: tx.Transcript) -> tuple[str | None, str]:
        v = verify(record, t, student)
        return v.problem, v.detail

    return check
