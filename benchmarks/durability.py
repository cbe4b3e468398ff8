"""Kill the writer at random moments while it saves transcripts: nothing may be corrupt or lost.

    python -m benchmarks.durability [--trials 1000] [--json]

One transcript file is written by a child process that appends a choice and saves
(atomically) in a loop, reporting each completed save on a pipe; the parent kills it with
SIGKILL after a random delay, checks the file, and starts the next child, which resumes from
the file the way the player does. The harness itself is single-threaded, so fork is safe.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path

from paratrain.atomic import remove_stale_temps
from paratrain.errors import TranscriptError
from paratrain.scenarios import transcript as tx
from paratrain.scenarios.loader import parse_scenario

SCENARIO = """schema_version: 1
id: loop
title: Durability
mode: practice
persona: {fictional: true, name: Test Writer, age: 30, pronouns: they/them,
  background: b, situation: s, reason: r}
start: a
nodes:
  - id: a
    client: "Again?"
    choices:
      - {id: again, text: "Again", next: a, feedback: f}
      - {id: stop, text: "Stop", next: z, feedback: f}
  - id: z
    client: "Done."
    end: good
"""


def child(path: Path, fd: int, unsafe: bool) -> None:
    scenario = parse_scenario(SCENARIO)
    t = tx.load(path) if path.exists() else tx.Transcript.new(scenario)
    tx.replay(scenario, t, path)
    while True:
        t = t.with_event("choose", "a", "again")
        if unsafe:  # what the harness must catch: a plain overwrite in place
            path.write_text(t.to_json())
        else:
            tx.save(path, t)
        os.write(fd, f"{len(t.events)}\n".encode())


def run(trials: int, seed: int = 1, *, unsafe: bool = False) -> dict[str, int | float]:
    rng = random.Random(seed)
    scenario = parse_scenario(SCENARIO)
    corrupt = lost = kills = 0
    folder = Path(tempfile.mkdtemp(prefix="paratrain-durability-"))
    path = folder / "loop.transcript.json"
    t0 = time.perf_counter()
    for _ in range(trials):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(r)
            try:
                child(path, w, unsafe)
            finally:
                os._exit(0)
        os.close(w)
        time.sleep(rng.uniform(0.002, 0.03))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        kills += 1
        with os.fdopen(r) as fh:
            reported = [int(x) for x in fh.read().split()]
        done = max(reported, default=0)
        try:
            n = len(tx.replay(scenario, tx.load(path), path).path) if path.exists() else 0
        except TranscriptError:
            corrupt += 1
            path.unlink()
            continue
        if done and n < done:
            lost += 1
        remove_stale_temps(path)
    final = len(tx.load(path).events) if path.exists() else 0
    return {
        "trials": trials,
        "kills": kills,
        "corrupt": corrupt,
        "lost": lost,
        "events_on_disk": final,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=1000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--unsafe",
        action="store_true",
        help="write in place without the atomic protocol (shows what is caught)",
    )
    args = ap.parse_args()
    res = run(args.trials, unsafe=args.unsafe)
    if args.json:
        print(json.dumps(res))
    else:
        print(
            f"{res['kills']} kills in {res['seconds']} s: {res['corrupt']} corrupt file(s), "
            f"{res['lost']} lost completed choice(s); {res['events_on_disk']} choices on disk"
        )
    sys.exit(1 if res["corrupt"] or res["lost"] else 0)


if __name__ == "__main__":
    main()
