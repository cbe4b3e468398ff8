"""Kill the transcript writer at random moments (benchmarks/durability.py), in a fresh
single-threaded process so that fork is safe."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def run(*args: str) -> dict[str, int]:
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.durability", "--json", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_a_thousand_kills_leave_no_corrupt_file_and_lose_no_choice() -> None:
    res = run("--trials", "1000")
    assert res["kills"] == 1000
    assert res["corrupt"] == 0 and res["lost"] == 0
    assert res["events_on_disk"] > 100  # the writer really wrote between kills


def test_the_harness_catches_a_non_atomic_writer() -> None:
    res = run("--trials", "300", "--unsafe")
    assert res["corrupt"] > 0
