"""Roster import is one change to roster.csv and the gradebook together, even when a real
``paratrain roster import`` is interrupted; a semicolon-separated roster says so."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from paratrain.cli import main
from paratrain.cohort.people import import_roster, list_people
from paratrain.course import gradebook, journal
from paratrain.course.folder import Course
from paratrain.course.manifest import Manifest, write_manifest
from paratrain.course.roster import parse_roster, to_csv, trainees
from paratrain.errors import RosterError

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]
FIRST = (
    "id,first_name,last_name,email,role\nana,Ana,Silva,,trainee\nben,Ben,Osei,,trainee\n"
    "sam,Sam,Lee,,supervisor\n"
)


def make_course(root: Path) -> Course:
    root.mkdir(parents=True)
    course = Course(root, "c1", root / "exchange", f"sqlite:///{root / 'gradebook.db'}")
    write_manifest(root, Manifest(course.course_id, course.exchange, course.db_url))
    (root / "first.csv").write_text(FIRST)
    import_roster(course, root / "first.csv")
    return course


def big_roster(path: Path, n: int) -> Path:
    rows = [f"t{i:06d},First{i},Last{i},t{i:06d}@example.org,trainee" for i in range(n)]
    path.write_text("id,first_name,last_name,email,role\n" + "\n".join(rows) + "\n")
    return path


def students(course: Course) -> int:
    with sqlite3.connect(course.root / "gradebook.db") as conn:
        return int(conn.execute("SELECT COUNT(*) FROM student").fetchone()[0])


def start_import(course: Course, csv: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "paratrain"
    return subprocess.Popen(
        [str(exe), "roster", "import", str(csv), "--course", str(course.root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_write_transaction(course: Course, proc: subprocess.Popen[bytes]) -> None:
    """Until SQLite's rollback journal exists: the import is inside its write transaction."""
    journal_file = course.root / "gradebook.db-journal"
    deadline = time.monotonic() + 300
    while not journal_file.exists():
        assert proc.poll() is None, "the import ended before its write transaction was seen"
        assert time.monotonic() < deadline
        time.sleep(0.0005)


@pytest.fixture
def course(tmp_path: Path) -> Course:
    return make_course(tmp_path / "course")


def test_sigint_in_the_write_transaction_changes_neither(course: Course, tmp_path: Path) -> None:
    before = course.roster_file.read_bytes()
    csv = big_roster(tmp_path / "big.csv", 200_000)
    proc = start_import(course, csv)
    wait_for_write_transaction(course, proc)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 130, err.decode()[-2000:]
    assert b"interrupted" in err
    assert course.roster_file.read_bytes() == before
    assert students(course) == 2  # ana and ben, nothing of the interrupted file
    assert not journal.pending_path(course.roster_file).exists()
    assert [p.id for p in list_people(course)] == ["sam", "ana", "ben"]


def test_sigint_during_start_up_changes_neither(course: Course, tmp_path: Path) -> None:
    before = course.roster_file.read_bytes()
    proc = start_import(course, big_roster(tmp_path / "big.csv", 20_000))
    deadline = time.monotonic() + 120
    while not journal.pending_path(course.roster_file).exists():  # validated, not yet written
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.001)
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=300)
    assert proc.returncode == 130
    assert course.roster_file.read_bytes() == before and students(course) == 2
    assert not journal.pending_path(course.roster_file).exists()


def test_killed_outright_the_next_command_rolls_back(course: Course, tmp_path: Path) -> None:
    before = course.roster_file.read_bytes()
    proc = start_import(course, big_roster(tmp_path / "big.csv", 200_000))
    wait_for_write_transaction(course, proc)
    proc.kill()  # SIGKILL: nothing of ours runs
    proc.communicate(timeout=60)
    assert journal.pending_path(course.roster_file).exists()  # left for recovery
    assert [p.id for p in list_people(course)] == ["sam", "ana", "ben"]  # recovers: back
    assert not journal.pending_path(course.roster_file).exists()
    assert course.roster_file.read_bytes() == before and students(course) == 2


def test_committed_but_not_renamed_rolls_forward(course: Course) -> None:
    """A process killed between the commit and the rename: the gradebook has the new
    trainees, so the next roster command finishes the rename."""
    new = parse_roster("id,first_name,last_name\ncy,Cy,Park\n")
    people = sorted([*list_people(course), *new], key=lambda p: (p.role, p.id))
    journal.write_pending(course.roster_file, to_csv(people))
    gradebook.add_students(course, trainees(new))  # committed; no rename
    assert [p.id for p in list_people(course)] == ["sam", "ana", "ben", "cy"]
    assert not journal.pending_path(course.roster_file).exists()


def test_a_large_roster_imports_whole(course: Course, tmp_path: Path) -> None:
    import_roster(course, big_roster(tmp_path / "big.csv", 5_000))
    assert students(course) == 5_002 and len(list_people(course)) == 5_003
    # importing again updates in place (a changed name), adds nobody
    (tmp_path / "again.csv").write_text("id,first_name,last_name\nt000001,Renamed,Person\n")
    import_roster(course, tmp_path / "again.csv")
    assert students(course) == 5_002
    row = {p.id: p for p in list_people(course)}["t000001"]
    assert (row.first_name, row.last_name) == ("Renamed", "Person")


@pytest.mark.parametrize(("sep", "word"), [(";", "';'-separated"), ("\t", "tab-separated")])
def test_a_roster_with_another_separator_says_so(
    course: Course, tmp_path: Path, capsys: pytest.CaptureFixture[str], sep: str, word: str
) -> None:
    text = sep.join(["id", "first_name", "last_name"]) + "\n" + sep.join(["cy", "Cy", "P"])
    with pytest.raises(RosterError, match=f"looks like {word}"):
        parse_roster(text + "\n", "r.csv")
    (tmp_path / "semi.csv").write_text(text + "\n")
    before = course.roster_file.read_bytes()
    assert main(["roster", "import", str(tmp_path / "semi.csv"), "--course", str(course.root)]) == 2
    err = capsys.readouterr().err
    assert f"looks like {word}" in err and str(tmp_path / "semi.csv") in err
    assert course.roster_file.read_bytes() == before and students(course) == 2


def test_held_signals_are_delivered_after_the_block() -> None:
    reached_end_of_block = False
    with pytest.raises(KeyboardInterrupt), journal.held_signals():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        reached_end_of_block = True  # SIGINT waits for the end of the block
    assert reached_end_of_block


def test_held_signals_hold_while_other_threads_run() -> None:
    """A signal sent to the process goes to any thread that does not block it; blocking it
    in the main thread alone let it through whenever another thread was running (a full
    test run leaves some, and so does a progress display)."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        for _ in range(5):
            reached_end_of_block = False
            with pytest.raises(KeyboardInterrupt), journal.held_signals():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.02)
                reached_end_of_block = True
            assert reached_end_of_block
        before = signal.getsignal(signal.SIGTERM)
        with journal.held_signals():
            assert signal.getsignal(signal.SIGTERM) is not before
        assert signal.getsignal(signal.SIGTERM) is before  # handlers are put back
    finally:
        stop.set()
        other.join()
