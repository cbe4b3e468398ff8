"""What `paratrain demo` prints works as printed: consistent step counters, flag counts that
match the store and the report, and lab commands that start JupyterLab when pasted into a
fresh shell with a clean environment (no venv on PATH), with the news pop-up off, the
nbgrader panels each role needs, and a review notebook that finds the course.

Runs the real demo on the small test repository (one assignment, twelve trainees)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINIREPO, REPO

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

URL = re.compile(r"(http://127\.0\.0\.1:\d+)/lab\?token=(\w+)")
NBG = "@jupyter/nbgrader:"
NEWS = "@jupyterlab/apputils-extension:announcements"


@dataclass
class Printed:
    root: Path
    out: str
    err: str


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Printed:
    base = tmp_path_factory.mktemp("demo")
    repo = base / "repo"
    shutil.copytree(MINIREPO, repo)
    (repo / "supervisor").mkdir()
    shutil.copy2(REPO / "supervisor" / "review.ipynb", repo / "supervisor" / "review.ipynb")
    exe = Path(sys.executable).parent / "paratrain"
    proc = subprocess.run(
        [str(exe), "demo", "--dir", str(base / "demo"), "--repo", str(repo)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return Printed(base / "demo", proc.stdout, proc.stderr)


def printed_commands(out: str) -> dict[str, str]:
    """{heading: command} for every 'Open JupyterLab as ...:' heading and the line under it."""
    lines = out.splitlines()
    return {
        line: lines[i + 1].strip()
        for i, line in enumerate(lines)
        if line.startswith("Open JupyterLab as ") and line.endswith(":")
    }


def clean_env(home: Path) -> dict[str, str]:
    """What a new login shell has: no virtual environment, no Jupyter variables. (The test's
    own PYTHONPATH is kept so the lab imports this checkout of paratrain.)"""
    env = {"HOME": str(home), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


@dataclass
class Server:
    base: str
    token: str

    def get(self, path: str) -> tuple[int, str]:
        sep = "&" if "?" in path else "?"
        try:
            with urllib.request.urlopen(
                f"{self.base}{path}{sep}token={self.token}", timeout=30
            ) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, ""

    def page_config(self) -> dict[str, object]:
        _, html = self.get("/lab")
        m = re.search(
            r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', html, re.S
        )
        assert m, html[:500]
        return dict(json.loads(m.group(1)))


def wait_for_url(log: Path, proc: subprocess.Popen[bytes], timeout: float = 180) -> Server:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        m = URL.search(log.read_text(errors="replace"))
        if m:
            return Server(m.group(1), m.group(2))
        if proc.poll() is not None:
            raise AssertionError(f"the lab exited {proc.returncode}:\n{log.read_text()}")
        time.sleep(0.5)
    raise AssertionError(f"no lab address after {timeout} s:\n{log.read_text()}")


@pytest.fixture
def pasted(tmp_path: Path) -> Iterator[Callable[[str], Server]]:
    """Paste a command into `bash -c` in a clean environment; yield a running Server."""
    started: list[subprocess.Popen[bytes]] = []

    def paste(command: str) -> Server:
        home = tmp_path / f"home-{len(started)}"
        home.mkdir()
        log = tmp_path / f"lab-{len(started)}.log"
        with open(log, "wb") as fh:
            proc = subprocess.Popen(
                ["bash", "-c", command],
                env=clean_env(home),
                stdout=fh,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        started.append(proc)
        server = wait_for_url(log, proc)
        code, body = server.get("/api/status")
        assert code == 200 and "started" in json.loads(body)
        return server

    yield paste
    for proc in started:  # stop each lab this test started, and everything it started
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: the group id is its pid
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def test_steps_are_counted_one_way(demo: Printed) -> None:
    counters = re.findall(r"^\[(\d+)/(\d+)\] ", demo.err, re.M)
    assert [int(i) for i, _ in counters] == list(range(1, 8))
    assert {n for _, n in counters} == {"7"}


def test_flag_counts_are_the_open_flags_the_report_counts(demo: Printed) -> None:
    from paratrain.cohort.course import open_course
    from paratrain.supervision.flags import SEVERITY_WORD, list_flags
    from paratrain.supervision.store import open_store

    course = open_course(demo.root / "course")
    store = open_store(course)
    with store:
        views = list_flags(store, course.course_id)
    total = int(re.search(r"^Open flags for supervisors: (\d+)", demo.out, re.M)[1])  # type: ignore[index]
    assert total == len(views) > 0
    for word in ("safety", "integrity", "scoring", "progress"):
        shown = int(re.search(rf"^  {word}\s+(\d+)", demo.out, re.M)[1])  # type: ignore[index]
        assert shown == sum(SEVERITY_WORD[v.flag.severity] == word for v in views), word
    safety = int(re.search(r"^  safety\s+(\d+)", demo.out, re.M)[1])  # type: ignore[index]
    html = (demo.root / "report" / "cohort-report.html").read_text()
    tile = re.search(r">(\d+)<(?:[^>]*>\s*<){1,3}[^>]*>open safety flags<", html)
    assert tile and int(tile[1]) == safety
    assert "open safety flags" in demo.out  # says which printed count the report's tile is


def test_commands_are_full_paths_and_say_allow_root_only_as_root(demo: Printed) -> None:
    commands = printed_commands(demo.out)
    assert len(commands) == 2
    jupyter = str(Path(sys.executable).parent / "jupyter")
    for command in commands.values():
        assert f"{jupyter} lab" in command
        assert ("--allow-root" in command) == (os.geteuid() == 0)


def test_trainee_lab_works_when_pasted(demo: Printed, pasted: Callable[[str], Server]) -> None:
    (command,) = [c for h, c in printed_commands(demo.out).items() if "trainee" in h]
    server = pasted(command)
    code, body = server.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert code == 200 and json.loads(body)["settings"]["fetchNews"] == "false"
    off = set(server.page_config()["disabledExtensions"])  # type: ignore[call-overload]
    assert {NBG + "formgrader", NBG + "create-assignment", NBG + "course-list", NEWS} <= off
    assert NBG + "assignment-list" not in off
    assert server.get("/formgrader")[0] == 404  # no grading tools for trainees
    code, body = server.get("/assignments?course_id=riverbend-cohort-1")
    listed = json.loads(body)["value"]
    assert code == 200 and {a["status"] for a in listed} >= {"fetched"}, listed
    assert server.get("/api/contents/riverbend-cohort-1/t01-first-contact")[0] == 200


def test_supervisor_lab_works_when_pasted(demo: Printed, pasted: Callable[[str], Server]) -> None:
    from paratrain.supervision.review_model import find_courses

    (command,) = [c for h, c in printed_commands(demo.out).items() if "supervisor" in h]
    server = pasted(command)
    _code, body = server.get("/lab/api/settings/@jupyterlab/apputils-extension:notification")
    assert json.loads(body)["settings"]["fetchNews"] == "false"
    off = set(server.page_config()["disabledExtensions"])  # type: ignore[call-overload]
    assert NBG + "formgrader" not in off and {NBG + "assignment-list", NEWS} <= off
    assert server.get("/formgrader")[0] == 200
    assert server.get("/api/contents/review.ipynb")[0] == 200
    # the review notebook runs in the course folder, where it finds the course by itself
    assert find_courses(demo.root / "course") == [(demo.root / "course").resolve()]
