"""``paratrain scenario lint``: every problem in a scenario or quiz file, not just the first.

Checks are a list of small functions, each yielding :class:`Issue` records, run in order.
The file must first parse (the loader raises on malformed files; that becomes one issue).
Issues are placed on their line: the file is composed again with PyYAML (which keeps line
numbers) only when there is something to report.

Besides problems, lint measures whether a role-play can work as a measurement
(:mod:`paratrain.scenarios.measure`): cue bias, spine length and feedback-only forks. For
assessment scenarios a best option that is the longest at more than 40 % of decision points
is an error: fix the wording, not the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.errors import ScenarioError
from paratrain.scenarios import measure
from paratrain.scenarios.graph import reachable, reverse
from paratrain.scenarios.kinds import SCENARIO, kind_of
from paratrain.scenarios.loader import line_of
from paratrain.scenarios.model import Mode, Quiz, Scenario, VarType
from paratrain.scenarios.scoring import Bounds, score_bounds
from paratrain.scenarios.statespace import explore


@dataclass(frozen=True)
class Issue:
    severity: str  # "error" | "warning" | "note"
    message: str
    node_id: str | None = None
    choice_id: str | None = None
    line: int | None = None

    def format(self, path: str) -> str:
        where = path + (f":{self.line}" if self.line else "")
        ids = ""
        if self.node_id:
            ids = f" [{self.node_id}" + (f"/{self.choice_id}" if self.choice_id else "") + "]"
        return f"{where}: {self.severity}{ids}: {self.message}"


@dataclass(frozen=True)
class LintReport:
    path: str
    kind: str  # "scenario" | "quiz"
    issues: tuple[Issue, ...]
    bounds: Bounds | None = None
    max_points: int | None = None
    title: str = ""
    mode: str = ""
    cues: measure.CueBias | None = None
    shape: measure.Shape | None = None

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def ok(self) -> bool:
        return not self.errors

    def measures(self) -> str:
        """One line: spine, forks, replies and cue bias (empty for quizzes)."""
        if self.cues is None or self.shape is None:
            return ""
        c, sh = self.cues, self.shape
        return (
            f"spine {sh.spine} decision points on the best path (shortest way to an "
            f"ending {sh.shortest}); {len(sh.forks)} of {sh.decision_points} decision "
            f"points feedback-only ({sh.fork_share:.0%}); {sh.replies} free-text "
            f"turn(s); best option longest at {c.share(c.best_longest):.0%}, shortest "
            f"at {c.share(c.best_shortest):.0%}, first as written at "
            f"{c.share(c.best_first):.0%} of {c.points} scored decision points; "
            f"{len(c.pinned)} pinned order(s)"
        )


Check = Callable[[Scenario], Iterator[Issue]]


def _adj(s: Scenario) -> dict[str, list[str]]:
    return {n.id: [t for c in n.choices for t in c.targets] + list(n.targets) for n in s.nodes}


def check_start(s: Scenario) -> Iterator[Issue]:
    if s.start not in s.node_by_id:
        yield Issue("error", f"'start' names '{s.start}', which is not a node id")


def check_targets(s: Scenario) -> Iterator[Issue]:
    for n in s.nodes:
        for t in n.targets:
            if t not in s.node_by_id:
                yield Issue("error", f"'next' points at '{t}', which is not a node id", n.id)
        for c in n.choices:
            for t in c.targets:
                if t not in s.node_by_id:
                    yield Issue(
                        "error", f"'next' points at '{t}', which is not a node id", n.id, c.id
                    )


def check_node_shape(s: Scenario) -> Iterator[Issue]:
    for n in s.nodes:
        if not (n.narration or n.client):
            yield Issue("error", "a node needs 'client' or 'narration' text", n.id)
        if n.is_ending and n.choices:
            yield Issue("error", "an ending ('end:') cannot have choices", n.id)
        if not n.is_ending and not n.choices and not n.is_reply:
            yield Issue(
                "error",
                "dead end: this node has no choices and is not an ending "
                "(add choices or 'end: good|mixed|poor')",
                n.id,
            )
        if len(n.choices) > 4:
            yield Issue("warning", f"{len(n.choices)} choices; 2-4 keep the player readable", n.id)
        if n.debrief and not n.is_ending:
            yield Issue("warning", "'debrief' is only shown for endings", n.id)
        if any(v.debrief for v in n.variants) and not n.is_ending:
            yield Issue("warning", "a variant's 'debrief' is only shown for endings", n.id)


def check_reachability(s: Scenario) -> Iterator[Issue]:
    if s.start not in s.node_by_id:
        return
    adj = _adj(s)
    seen = reachable([s.start], adj)
    for n in s.nodes:
        if n.id not in seen:
            kind = "ending" if n.is_ending else "node"
            yield Issue("error", f"unreachable {kind}: no path from the start leads here", n.id)
    endings = [n.id for n in s.nodes if n.is_ending]
    if not endings:
        yield Issue("error", "the scenario has no ending (a node with 'end:')")
        return
    can_finish = reachable(endings, reverse(adj))
    for n in s.nodes:
        if n.id in seen and n.id not in can_finish and (n.choices or n.is_reply):
            yield Issue("error", "loop with no way out: no ending can be reached from here", n.id)


def check_competencies(s: Scenario) -> Iterator[Issue]:
    declared = set(s.competencies) if s.competencies is not None else None
    for comp in s.competencies or ():
        if comp not in COMPETENCIES:
            yield Issue("error", f"unknown competency id '{comp}' in 'competencies'")
    for n in s.nodes:
        for c in n.choices:
            for comp in c.evidence:
                if comp not in COMPETENCIES:
                    yield Issue(
                        "error",
                        f"unknown competency id '{comp}' (see "
                        "src/paratrain/competencies/framework.py)",
                        n.id,
                        c.id,
                    )
                elif declared is not None and comp not in declared:
                    yield Issue(
                        "error",
                        f"competency '{comp}' is not in the scenario's 'competencies' list",
                        n.id,
                        c.id,
                    )


def check_feedback(s: Scenario) -> Iterator[Issue]:
    for n in s.nodes:
        for c in n.choices:
            if s.mode is Mode.PRACTICE and not c.feedback:
                yield Issue("error", "practice-mode choice without feedback", n.id, c.id)
            elif c.is_harmful and not c.feedback:
                yield Issue(
                    "error",
                    "a harmful choice needs feedback that says why and what to do instead",
                    n.id,
                    c.id,
                )
            if c.is_harmful and c.points:
                yield Issue(
                    "error",
                    f"a harmful choice earns no points (it has 'points: {c.points}')",
                    n.id,
                    c.id,
                )
    if not any(c.evidence for n in s.nodes for c in n.choices):
        yield Issue("warning", "no choice carries competency evidence; levels cannot be computed")
    for n in s.nodes:
        if n.is_ending and not n.debrief:
            yield Issue("warning", "ending without a debrief", n.id)


def check_replies(s: Scenario) -> Iterator[Issue]:
    for n in s.reply_nodes:
        assert n.reply is not None
        if s.mode is Mode.ASSESSMENT and not n.reply.rubric:
            yield Issue(
                "error",
                "a graded free-text reply needs a rubric (criteria and points) for the supervisor",
                n.id,
            )
        if s.mode is Mode.PRACTICE and not n.reply.feedback:
            yield Issue(
                "error",
                "a practice free-text reply needs 'feedback' (what a strong "
                "reply does), shown after the trainee sends it",
                n.id,
            )


def check_variables(s: Scenario) -> Iterator[Issue]:
    changed = {v for n in s.nodes for c in n.choices for v in (*c.set, *c.add)}
    read = measure.read_variables(s)
    for name, var in s.variables.items():
        if name in read and name not in changed:
            what = (
                f"condition uses flag '{name}', which no choice sets"
                if var.type is VarType.BOOL
                else f"conditions read variable '{name}', which no choice changes"
            )
            yield Issue("error", what + " (so the condition never changes)")
        elif name in changed and name not in read:
            yield Issue(
                "warning",
                f"variable '{name}' is set but never read: it changes "
                "nothing later in the conversation",
            )
        elif name not in changed:
            yield Issue("warning", f"variable '{name}' is declared but never used")
    for n in s.nodes:
        if n.choices and all(c.condition for c in n.choices):
            yield Issue(
                "warning",
                "every choice here has a condition; if none holds the trainee is stuck",
                n.id,
            )


def check_conditions_reachable(s: Scenario) -> Iterator[Issue]:
    """Conditions no path can satisfy, found by exploring every (node, variables) state."""
    if not s.variables or s.start not in s.node_by_id:
        return
    space = explore(s)
    if not space.complete:
        yield Issue(
            "warning",
            "too many combinations of variable values to check every "
            "condition; keep int variables to small ranges",
        )
        return
    statically = reachable([s.start], _adj(s))
    for n in s.nodes:
        if n.id in statically and not space.reached(n.id):
            yield Issue("error", "no path reaches this node once conditions are honoured", n.id)
            continue
        if not space.reached(n.id):
            continue
        for c in n.choices:
            if c.condition and (n.id, c.id) not in space.offered:
                yield Issue(
                    "error",
                    f"the condition '{c.condition}' never holds here, so "
                    "this choice is never offered",
                    n.id,
                    c.id,
                )
            elif isinstance(c.next, tuple):
                for i, r in enumerate(c.next):
                    if (
                        r.condition
                        and (n.id, c.id, i) not in space.routes
                        and (n.id, c.id) in space.offered
                    ):
                        yield Issue(
                            "error",
                            f"the route 'if: {r.condition}' to '{r.to}' is never taken on any path",
                            n.id,
                            c.id,
                        )
        if isinstance(n.next, tuple):
            for i, r in enumerate(n.next):
                if r.condition and (n.id, "", i) not in space.routes:
                    yield Issue(
                        "error",
                        f"the route 'if: {r.condition}' to '{r.to}' is never taken on any path",
                        n.id,
                    )
        for i, v in enumerate(n.variants):
            if (n.id, i) not in space.variants:
                yield Issue(
                    "error",
                    f"variant {i + 1} ('if: {v.condition}') is never shown on any path",
                    n.id,
                )
    for node_id, values in space.stuck[:5]:
        shown = ", ".join(f"{k}={v}" for k, v in values) or "start values"
        yield Issue("error", f"stuck: no choice is offered here when {shown}", node_id)


def check_measurement(s: Scenario) -> Iterator[Issue]:
    cues = measure.cue_bias(s)
    for node_id in cues.pinned:
        yield Issue(
            "note",
            "choice order is pinned (order: fixed): every trainee sees the "
            "options in the order written",
            node_id,
        )
    if s.mode is not Mode.ASSESSMENT or not cues.points:
        return
    share = cues.share(cues.best_longest)
    if share > measure.MAX_BEST_LONGEST:
        yield Issue(
            "error",
            f"the best option is the longest at {cues.best_longest} of "
            f"{cues.points} scored decision points ({share:.0%}; at most "
            f"{measure.MAX_BEST_LONGEST:.0%} in an assessment): a trainee who picks "
            "the longest answer gets ahead. Reword the options (shorten the best, "
            "flesh out the others); do not change the threshold",
        )


SCENARIO_CHECKS: tuple[Check, ...] = (
    # start and targets first: the graph checks below assume links resolve
    check_start,
    check_targets,
    check_node_shape,
    check_reachability,
    check_competencies,
    check_feedback,
    check_replies,
    check_variables,
    check_conditions_reachable,
    check_measurement,
)


def lint_scenario_model(s: Scenario) -> tuple[Issue, ...]:
    issues = [issue for check in SCENARIO_CHECKS[:4] for issue in check(s)]
    if any(i.severity == "error" for i in issues):  # a broken graph: skip what needs it
        return tuple(issues) + tuple(i for c in SCENARIO_CHECKS[4:7] for i in c(s))
    return tuple(issues) + tuple(i for c in SCENARIO_CHECKS[4:] for i in c(s))


def place(issues: tuple[Issue, ...], text: str, path: str | Path) -> tuple[Issue, ...]:
    """Give each issue without a line the line of its node or choice in the file."""
    if not any(i.line is None and i.node_id for i in issues):
        return issues
    try:
        from paratrain.scenarios.loader import _compose  # the slow parser that keeps lines

        data, root = _compose(text, path)
    except ScenarioError:
        return issues
    index: dict[tuple[str, str | None], list[str | int]] = {}
    for i, node in enumerate(data.get("nodes") or []):
        if not isinstance(node, dict):
            continue
        index[(str(node.get("id")), None)] = ["nodes", i, "id"]
        for j, choice in enumerate(node.get("choices") or []):
            if isinstance(choice, dict):
                index[(str(node.get("id")), str(choice.get("id")))] = [
                    "nodes",
                    i,
                    "choices",
                    j,
                    "id",
                ]
    out = []
    for issue in issues:
        loc = index.get((issue.node_id or "", issue.choice_id)) if issue.node_id else None
        out.append(replace(issue, line=line_of(root, loc)) if loc and issue.line is None else issue)
    return tuple(out)


def lint_path(path: str | Path) -> LintReport:
    """Lint one scenario or quiz file; a file that does not parse gives one error issue."""
    p = Path(path)
    k = kind_of(p) or SCENARIO
    kind = k.name
    try:
        item = k.load(p)
        if isinstance(item, Quiz):
            return LintReport(
                str(p),
                kind,
                _lint_quiz(item),
                max_points=item.max_points,
                title=item.title,
                mode=item.mode.value,
            )
        scenario = item
    except ScenarioError as exc:
        return LintReport(
            str(p), kind, (Issue("error", exc.detail, exc.node_id, exc.choice_id, exc.line),)
        )
    issues = lint_scenario_model(scenario)
    if issues:
        issues = place(issues, p.read_text(encoding="utf-8"), p)
    broken = [i for i in issues if i.severity == "error"]
    bounds = score_bounds(scenario) if not broken else None
    cues = measure.cue_bias(scenario)
    sh = measure.shape(scenario) if not broken else None
    return LintReport(
        str(p),
        kind,
        issues,
        bounds=bounds,
        title=scenario.title,
        mode=scenario.mode.value,
        cues=cues,
        shape=sh,
    )


def _lint_quiz(quiz: Quiz) -> tuple[Issue, ...]:
    issues = []
    if quiz.mode is Mode.PRACTICE and not quiz.has_key:
        issues.append(Issue("error", "a practice quiz needs correct answers and explanations"))
    return tuple(issues)


def check_loaded(scenario: Scenario, path: str | Path) -> None:
    """Raise the first lint error as a ScenarioError (used before playing a scenario)."""
    for issue in lint_scenario_model(scenario):
        if issue.severity == "error":
            raise ScenarioError(
                issue.message,
                path=path,
                node_id=issue.node_id,
                choice_id=issue.choice_id,
                hint="run 'paratrain scenario lint' on the file",
            )


__all__ = ["Issue", "LintReport", "check_loaded", "lint_path", "lint_scenario_model", "place"]
