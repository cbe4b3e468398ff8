"""``paratrain scenario lint``: every problem in a scenario or quiz file, not just the first.

Checks are a list of small functions, each yielding :class:`Issue` records, run in order.
The file must first parse (the loader raises on malformed files; that becomes one issue).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.errors import ScenarioError
from paratrain.scenarios.graph import reachable, reverse
from paratrain.scenarios.loader import QUIZ_SUFFIX, load_quiz, load_scenario
from paratrain.scenarios.model import Mode, Quiz, Scenario
from paratrain.scenarios.scoring import Bounds, score_bounds


@dataclass(frozen=True)
class Issue:
    severity: str  # "error" | "warning"
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

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.severity == "error")

    @property
    def ok(self) -> bool:
        return not self.errors


Check = Callable[[Scenario], Iterator[Issue]]


def _adj(s: Scenario) -> dict[str, list[str]]:
    return {n.id: [c.next for c in n.choices] for n in s.nodes}


def check_start(s: Scenario) -> Iterator[Issue]:
    if s.start not in s.node_by_id:
        yield Issue("error", f"'start' names '{s.start}', which is not a node id")


def check_targets(s: Scenario) -> Iterator[Issue]:
    for n in s.nodes:
        for c in n.choices:
            if c.next not in s.node_by_id:
                yield Issue("error", f"'next' points at '{c.next}', which is not a node id",
                            n.id, c.id)


def check_node_shape(s: Scenario) -> Iterator[Issue]:
    for n in s.nodes:
        if not (n.narration or n.client):
            yield Issue("error", "a node needs 'client' or 'narration' text", n.id)
        if n.is_ending and n.choices:
            yield Issue("error", "an ending ('end:') cannot have choices", n.id)
        if not n.is_ending and not n.choices:
            yield Issue("error", "dead end: this node has no choices and is not an ending "
                        "(add choices or 'end: good|mixed|poor')", n.id)
        if len(n.choices) > 4:
            yield Issue("warning", f"{len(n.choices)} choices; 2-4 keep the player readable",
                        n.id)
        if n.debrief and not n.is_ending:
            yield Issue("warning", "'debrief' is only shown for endings", n.id)


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
        if n.id in seen and n.id not in can_finish and n.choices:
            yield Issue("error", "loop with no way out: no ending can be reached from here",
                        n.id)


def check_competencies(s: Scenario) -> Iterator[Issue]:
    declared = set(s.competencies) if s.competencies is not None else None
    for comp in s.competencies or ():
        if comp not in COMPETENCIES:
            yield Issue("error", f"unknown competency id '{comp}' in 'competencies'")
    for n in s.nodes:
        for c in n.choices:
            for comp in c.evidence:
                if comp not in COMPETENCIES:
                    yield Issue("error", f"unknown competency id '{comp}' (see "
                                "src/paratrain/competencies/framework.py)", n.id, c.id)
                elif declared is not None and comp not in declared:
                    yield Issue("error", f"competency '{comp}' is not in the scenario's "
                                "'competencies' list", n.id, c.id)


def check_feedback(s: Scenario) -> Iterator[Issue]:
    for n in s.nodes:
        for c in n.choices:
            if s.mode is Mode.PRACTICE and not c.feedback:
                yield Issue("error", "practice-mode choice without feedback", n.id, c.id)
            elif c.is_harmful and not c.feedback:
                yield Issue("error", "a harmful choice needs feedback that says why and what "
                            "to do instead", n.id, c.id)
    if not any(c.evidence for n in s.nodes for c in n.choices):
        yield Issue("warning", "no choice carries competency evidence; levels cannot be computed")
    for n in s.nodes:
        if n.is_ending and not n.debrief:
            yield Issue("warning", "ending without a debrief", n.id)


def check_flags(s: Scenario) -> Iterator[Issue]:
    set_somewhere = {f for n in s.nodes for c in n.choices for f in c.sets}
    for n in s.nodes:
        for c in n.choices:
            if c.condition and c.condition.split()[-1] not in set_somewhere:
                yield Issue("error", f"condition uses flag '{c.condition.split()[-1]}', which "
                            "no choice sets", n.id, c.id)
        if n.choices and all(c.condition for c in n.choices):
            yield Issue("warning", "every choice here has a condition; if none holds the "
                        "trainee is stuck", n.id)


SCENARIO_CHECKS: tuple[Check, ...] = (
    # start and targets first: the graph checks below assume links resolve
    check_start,
    check_targets,
    check_node_shape,
    check_reachability,
    check_competencies,
    check_feedback,
    check_flags,
)


def lint_scenario_model(s: Scenario) -> tuple[Issue, ...]:
    return tuple(issue for check in SCENARIO_CHECKS for issue in check(s))


def lint_path(path: str | Path) -> LintReport:
    """Lint one scenario or quiz file; a file that does not parse gives one error issue."""
    p = Path(path)
    is_quiz = p.name.endswith(QUIZ_SUFFIX)
    kind = "quiz" if is_quiz else "scenario"
    try:
        if is_quiz:
            quiz = load_quiz(p)
            return LintReport(str(p), kind, _lint_quiz(quiz), max_points=quiz.max_points,
                              title=quiz.title)
        scenario = load_scenario(p)
    except ScenarioError as exc:
        return LintReport(str(p), kind, (Issue("error", exc.detail, exc.node_id, exc.choice_id,
                                               exc.line),))
    issues = lint_scenario_model(scenario)
    bounds = score_bounds(scenario) if not [i for i in issues if i.severity == "error"] else None
    return LintReport(str(p), kind, issues, bounds=bounds, title=scenario.title)


def _lint_quiz(quiz: Quiz) -> tuple[Issue, ...]:
    issues = []
    if quiz.mode is Mode.PRACTICE and not quiz.has_key:
        issues.append(Issue("error", "a practice quiz needs correct answers and explanations"))
    return tuple(issues)


def check_loaded(scenario: Scenario, path: str | Path) -> None:
    """Raise the first lint error as a ScenarioError (used before playing a scenario)."""
    for issue in lint_scenario_model(scenario):
        if issue.severity == "error":
            raise ScenarioError(issue.message, path=path, node_id=issue.node_id,
                                choice_id=issue.choice_id,
                                hint="run 'paratrain scenario lint' on the file")
