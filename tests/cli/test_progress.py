"""Long commands show progress: a bar with count, rate and time left on a terminal (driven
here through a real pseudo-terminal), ``[i/n]`` lines when stderr is not a terminal, and
nothing but the JSON result with ``--json``. Runs the real nbgrader cycle on a small course."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paratrain.cli import main
from paratrain.cohort.course import Course
from tests.supervision.course_builder import A, build, copy_course

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

SUBMITTED = {"ana", "ben", "cy", "dee"}  # eve never submits
LINE = re.compile(r"^\[(\d+)/(\d+)\] (.*)$")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return build(tmp_path_factory.mktemp("progress"))


@pytest.fixture
def course(graded: Course, tmp_path: Path) -> Course:
    return copy_course(graded, tmp_path)


def counted(err: str) -> list[tuple[int, int, str]]:
    return [(int(m[1]), int(m[2]), m[3]) for m in map(LINE.match, err.splitlines()) if m]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    got = capsys.readouterr()
    return code, got.out, got.err


def test_grade_prints_one_counted_line_per_submission_off_a_terminal(
    course: Course, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "grade", "--course", str(course.root), "--workers", "2")
    assert code == 0
    lines = counted(err)
    assert [(i, n) for i, n, _ in lines] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert {label.split()[1].rstrip(":") for _i, _n, label in lines} == SUBMITTED
    assert all(label.startswith(f"{A} ") and label.endswith(": ok") for *_, label in lines)
    assert out.startswith("graded 4 of 4 submission(s)") and "[1/4]" not in out
    assert "━" not in err  # no bar off a terminal


@pytest.mark.parametrize(
    ("argv", "total", "label"),
    [
        (["release"], 1, f"{A}: released"),
        (["collect"], 1, f"{A}: collected"),
        (["feedback"], 1, f"{A}: generated and released"),
    ],
)
def test_cohort_steps_count_assignments_off_a_terminal(
    course: Course, capsys: pytest.CaptureFixture[str], argv: list[str], total: int, label: str
) -> None:
    code, out, err = run(capsys, *argv, "--course", str(course.root))
    assert code == 0, err
    assert counted(err) == [(1, total, label)]
    assert not counted(out)


def test_report_counts_its_steps_and_records(
    course: Course, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "report", str(course.root), "--out", str(tmp_path / "r"), "--records"
    )
    assert code == 0, err
    lines = counted(err)
    # read the course, the HTML, the CSV exports, then one record per trainee in the gradebook
    assert [i for i, _n, _l in lines] == list(range(1, 9)) and {n for _i, n, _l in lines} == {8}
    assert [label for *_, label in lines][:3] == [
        "read the course",
        "cohort-report.html",
        "CSV exports",
    ]
    assert {label.removeprefix("record ") for *_, label in lines[3:]} == SUBMITTED | {"eve"}
    assert out.splitlines()[0] == f"wrote {tmp_path / 'r' / 'cohort-report.html'}"


@pytest.mark.parametrize(
    "argv",
    [["grade", "--workers", "2"], ["release"], ["collect"], ["feedback"], ["report", "--records"]],
)
def test_json_prints_only_the_result(
    course: Course, tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    where = (
        [str(course.root), "--out", str(tmp_path / "r")]
        if argv[0] == "report"
        else ["--course", str(course.root)]
    )
    code, out, err = run(capsys, argv[0], *where, *argv[1:], "--json")
    assert code == 0, err
    json.loads(out)  # the whole of stdout is one JSON document
    assert counted(err) == [] and "━" not in err


def drive_in_pty(argv: list[str], *, timeout: float = 300) -> tuple[int, str]:
    """Run ``argv`` with stdin, stdout and stderr on a pseudo-terminal; return what it drew."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "140"}
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    screen = b""
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                screen += chunk
            elif proc.poll() is not None:
                break
        else:
            raise AssertionError(f"{argv} did not finish in {timeout} s")
    finally:
        os.close(master)
        code = proc.wait(timeout=30)
    return code, screen.decode("utf-8", errors="replace")


def test_grade_draws_a_bar_with_count_rate_and_time_left_on_a_terminal(course: Course) -> None:
    exe = Path(sys.executable).parent / "paratrain"
    code, screen = drive_in_pty([str(exe), "grade", "--course", str(course.root), "--workers", "2"])
    assert code == 0, screen
    frames = [ANSI.sub("", f) for f in re.split(r"\r|\n", screen)]
    bars = [f for f in frames if f.startswith("grading ") and "━" in f]
    assert bars, screen
    last = bars[-1]
    assert " 4/4 " in last
    assert re.search(r" \d+(\.\d)?/(s|min) ", last), last  # the rate
    assert re.search(r"elapsed \d+:\d\d:\d\d", last), last
    assert re.search(r"left \d+:\d\d:\d\d", last), last  # time left (0:00:00 at the end)
    assert any(re.search(r" [0-3]/4 ", f) for f in bars), "the bar never showed work under way"
    assert "graded 4 of 4 submission(s)" in screen
    assert not any(LINE.match(f) for f in frames)  # a bar, not [i/n] lines
    assert "\x1b[?25h" in screen  # the cursor is given back
