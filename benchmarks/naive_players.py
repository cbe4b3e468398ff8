"""Naive players against every graded role-play: ``python -m benchmarks.naive_players``.

A graded role-play is a measurement only if a player who ignores the content fails. This
plays every assessment scenario in ``assignments/source/`` with strategies that ignore what
the person says — always the first or last option (as written, and as shown to 1,000
different trainees), always the longest or shortest, and uniformly at random (1,000 seeds) —
through the same engine and grading function nbgrader's test cell uses
(:func:`paratrain.scenarios.assess.evaluate`), and prints, per strategy and scenario: the
share reaching a good ending, the mean points, the share passing the role-play's pass mark,
and the share eligible for sign-off (no harmful response, every competency at level 3+).

Options: ``--runs N`` (seeds / trainees per random strategy, default 1000), ``--json``,
``--check`` (list what each scenario still lets a naive player do; exit 1 if anything),
``PATH ...`` (scenario files; default every graded role-play).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from paratrain.scenarios import engine
from paratrain.scenarios.assess import RoleplayOutcome, evaluate
from paratrain.scenarios.kinds import SCENARIO, graded_items
from paratrain.scenarios.loader import load_scenario
from paratrain.scenarios.model import Choice, Mode, Outcome, Scenario

REPO = Path(__file__).resolve().parents[1]
REPLY = "(a naive player's reply)"

Pick = Callable[[tuple[Choice, ...]], Choice]


@dataclass(frozen=True)
class Strategy:
    name: str
    pick: Callable[[random.Random], Pick]
    shown: bool  # picks among the options as shown to a trainee (shuffled) or as written
    runs: int  # 1 for deterministic strategies on the written order


def _fixed(f: Pick) -> Callable[[random.Random], Pick]:
    return lambda _rng: f


def _length(c: Choice) -> int:
    return len(" ".join(c.text.split()))


def strategies(runs: int) -> list[Strategy]:
    first: Pick = lambda cs: cs[0]  # noqa: E731
    last: Pick = lambda cs: cs[-1]  # noqa: E731
    return [
        Strategy("first as written", _fixed(first), False, 1),
        Strategy("last as written", _fixed(last), False, 1),
        Strategy("longest", _fixed(lambda cs: max(cs, key=_length)), False, 1),
        Strategy("shortest", _fixed(lambda cs: min(cs, key=_length)), False, 1),
        Strategy("first as shown", _fixed(first), True, runs),
        Strategy("last as shown", _fixed(last), True, runs),
        Strategy("uniform random", lambda rng: lambda cs: rng.choice(cs), False, runs),
    ]


def play(key: Scenario, pick: Pick, trainee: str | None, points: float) -> RoleplayOutcome:
    """One playthrough choosing with ``pick`` among the options the trainee would see."""
    state = engine.start(key)
    for _ in range(500):
        node = engine.current(key, state)
        if node.is_ending:
            break
        if node.is_reply:
            state = engine.reply(key, state, REPLY)
            continue
        state = engine.advance(key, state, pick(engine.display_order(key, state, trainee)).id)
    return evaluate(key, state, points, trainee=trainee)


@dataclass(frozen=True)
class Row:
    strategy: str
    scenario: str
    runs: int
    good_ending: float
    mean_points: float
    max_points: float
    passed: float
    eligible: float


def measure(key: Scenario, strategy: Strategy, points: float) -> Row:
    good = passed = eligible = 0
    total = 0.0
    for i in range(strategy.runs):
        rng = random.Random(i)
        trainee = f"trainee-{i:04d}" if strategy.shown else None
        out = play(key, strategy.pick(rng), trainee, points)
        good += out.ending is Outcome.GOOD
        passed += out.passed(key.pass_mark)
        eligible += out.signoff_eligible
        total += out.points
    n = strategy.runs
    return Row(
        strategy.name, key.id, n, good / n, round(total / n, 2), points, passed / n, eligible / n
    )


MAX_RANDOM_PASS = 0.05


def weaknesses(key: Scenario, points: float = 10.0, runs: int = 1000) -> list[str]:
    """Why ``key`` is not yet a measurement (empty when it is).

    The rules: every fixed strategy fails the pass mark and is not eligible for sign-off;
    the random ones pass in at most 5 % of runs and are not eligible; and a highest-scoring
    path passes and is eligible (so the measurement can also be passed).
    """
    out = []
    for st in strategies(runs):
        row = measure(key, st, points)
        limit = 0.0 if st.runs == 1 else MAX_RANDOM_PASS
        if row.passed > limit:
            out.append(f"'{st.name}' passes in {row.passed:.1%} of runs (at most {limit:.0%})")
        if row.eligible > limit:
            out.append(f"'{st.name}' is eligible for sign-off in {row.eligible:.1%} of runs")
    from paratrain.scenarios.scoring import best_path

    items = [REPLY if c == "(reply)" else c for c in best_path(key)]
    best = evaluate(key, engine.replay(key, items), points)
    if not best.passed(key.pass_mark):
        out.append(
            f"a highest-scoring path scores {best.points:g} of {points:g}, below the "
            f"pass mark {key.pass_mark:.0%}"
        )
    if not best.signoff_eligible:
        low = [f"{c} (level {lv.level})" for c, lv in best.levels.items() if lv.level < 3]
        out.append(
            "a highest-scoring path is not eligible for sign-off: "
            + (", ".join(low) or "no competency is assessed")
        )
    return out


def graded_points(root: Path = REPO) -> dict[str, float]:
    """Scenario id -> the points its assignment's test cell is worth."""
    import json

    out: dict[str, float] = {}
    for nb in sorted((root / "assignments" / "source").glob("*/*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        out.update({g.item_id: g.points for g in graded_items(cells) if g.kind is SCENARIO})
    return out


def graded_scenarios(root: Path = REPO) -> list[Path]:
    paths = sorted((root / "assignments" / "source").glob("*/*.scenario.yaml"))
    return [p for p in paths if load_scenario(p).mode is Mode.ASSESSMENT]


def run(paths: Iterable[Path], runs: int) -> list[Row]:
    pts = graded_points()
    rows = []
    for p in paths:
        key = load_scenario(p)
        for st in strategies(runs):
            rows.append(measure(key, st, pts.get(key.id, 10.0)))
    return rows


def table(rows: list[Row]) -> str:
    head = (
        f"{'scenario':34} {'strategy':17} {'runs':>5} {'good end':>8} {'mean pts':>9} "
        f"{'passed':>7} {'sign-off':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r.scenario[:34]:34} {r.strategy:17} {r.runs:5d} {r.good_ending:8.1%} "
            f"{r.mean_points:5.2f}/{r.max_points:<3g} {r.passed:7.1%} "
            f"{r.eligible:8.1%}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, help="scenario files (default: all graded)")
    ap.add_argument("--runs", type=int, default=1000, help="seeds / trainees per random strategy")
    ap.add_argument("--json", action="store_true")
    ap.add_argument(
        "--check",
        action="store_true",
        help="list what each scenario still lets naive players do (exit 1 if any)",
    )
    args = ap.parse_args(argv)
    if args.check:
        pts = graded_points()
        bad = 0
        for p in args.paths or graded_scenarios():
            key = load_scenario(p)
            found = weaknesses(key, pts.get(key.id, 10.0), args.runs)
            bad += bool(found)
            print(f"{p}: " + ("ok" if not found else "\n  " + "\n  ".join(found)))
        return 1 if bad else 0
    rows = run(args.paths or graded_scenarios(), args.runs)
    print(json.dumps([asdict(r) for r in rows], indent=1) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
