"""``paratrain --help`` against ``nbgrader --help``: ``python -m benchmarks.cli_startup``."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path


def best_of(cmd: list[str], n: int = 5) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    bindir = Path(sys.executable).parent
    ours = best_of([str(bindir / "paratrain"), "--help"])
    theirs = best_of([str(bindir / "nbgrader"), "--help"], n=3)
    print(
        f"paratrain --help: {ours:.3f} s (median of 5)\n"
        f"nbgrader --help:  {theirs:.3f} s (median of 3)\nratio: {theirs / ours:.1f}x"
    )


if __name__ == "__main__":
    main()
