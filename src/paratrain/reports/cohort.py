"""The cohort report: the frames of :mod:`paratrain.reports.frames` as one HTML page.

Sections, in the order a program manager reads them (each a small function returning a
:class:`~paratrain.reports.html.Section`; the order of :data:`SECTIONS` is the order on the
page): the headline numbers, open flags (safety first, grouped by trainee), completion and
lateness, score distributions, competency levels, the decision points that trip trainees up,
progress over modules, and supervised hours. The page itself is ``templates/report.html.j2``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.reports import frames, plots
from paratrain.reports.html import Chart, Counts, Section, Text, Tile, make_table, page, svg
from paratrain.reports.inputs import CohortInputs
from paratrain.supervision.flags import SEVERITY_WORD

FLAG_GROUPS_SHOWN = 40  # trainees listed in "Open flags"; the rest are counted
FLAGS_PER_TRAINEE = 50


def _names() -> dict[str, str]:
    return {c: comp.name for c, comp in COMPETENCIES.items()}


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def headline(inp: CohortInputs) -> list[Tile]:
    st = frames.submission_status(inp)
    flags = frames.open_flags(inp)
    safety = int((flags["severity"] == 1).sum()) if not flags.empty else 0
    n = len(inp.gradebook.students)
    done = st["submitted"].mean() * 100 if len(st) else 0.0
    submitted = st[st["submitted"]]
    late = submitted["late"].mean() * 100 if len(submitted) else 0.0
    median = submitted["percent"].median()
    pending = int(submitted["pending"].sum())
    hours = inp.sessions["minutes"].sum() / 60 if not inp.sessions.empty else 0.0
    signed = inp.signoffs.sort_values("id").drop_duplicates(["student", "assignment"], keep="last")
    n_signed = int((signed["decision"] == "signed").sum())
    median_tile = Tile(
        "–" if median != median else f"{median:.0f}%",
        "median score so far" if pending else "median score",
        "pending" if pending else "",
        f"manual grading pending for {_plural(pending, 'answer')}" if pending else "",
    )
    return [
        Tile(f"{n:,}", "trainee" if n == 1 else "trainees"),
        Tile(
            f"{len(inp.gradebook.assignments)}",
            "assignment" if len(inp.gradebook.assignments) == 1 else "assignments",
        ),
        Tile(f"{done:.0f}%", "of work submitted", "ok" if done >= 90 else ""),
        Tile(f"{late:.0f}%", "of submissions late", "alert" if late >= 20 else ""),
        median_tile,
        Tile(f"{safety}", "open safety flags", "alert" if safety else "ok"),
        Tile(f"{n_signed}", "module sign-offs"),
        Tile(f"{hours:,.1f}", "supervised hours"),
    ]


@dataclass(frozen=True)
class FlagGroups:
    """Open flags, one collapsible group per trainee (see the ``flag_groups`` macro)."""

    groups: list[dict[str, Any]]
    more: int = 0
    more_note: str = "paratrain flags list COURSE shows every one"
    block: ClassVar[str] = "flag_groups"


def _flag_groups(inp: CohortInputs) -> FlagGroups:
    f = frames.open_flags(inp)
    people = frames.flags_by_trainee(inp)
    groups = []
    for r in people.head(FLAG_GROUPS_SHOWN).itertuples():
        mine = f[f["student"] == r.student]
        where = (
            ", ".join(r.assignments)
            if len(r.assignments) <= 3
            else _plural(len(r.assignments), "assignment")
        )
        groups.append(
            {
                "name": r.name,
                "safety": r.safety > 0,
                "open": False,
                "by_severity": [
                    ({"n": s, "word": SEVERITY_WORD[s]}, getattr(r, f"sev{s}"))
                    for s in (1, 2, 3, 4)
                    if getattr(r, f"sev{s}")
                ],
                "where": f"in {where}" if where else "",
                "table": make_table(
                    mine,
                    [
                        ("severity", "Type", "severity"),
                        ("assignment", "Assignment"),
                        ("reason", "Why it was raised"),
                        ("raised_at", "Raised", "date"),
                    ],
                    limit=FLAGS_PER_TRAINEE,
                ),
            }
        )
    return FlagGroups(groups, max(0, len(people) - FLAG_GROUPS_SHOWN))


def flags_section(inp: CohortInputs) -> Section:
    f = frames.open_flags(inp)
    lead = (
        "Raised automatically after grading; each must be resolved by a supervisor with a "
        "note. Grouped by trainee, the most safety flags first: open a trainee to see "
        "each flag."
    )
    if f.empty:
        done = (
            " Every flag raised so far has been resolved by a supervisor."
            if not inp.flags.empty
            else ""
        )
        return Section("flags", "Open flags", lead, [Text("No open flags." + done, "empty")])
    by_sev = f["severity"].value_counts()
    kinds = f.groupby(["severity", "kind"]).size()
    items = tuple(
        (
            int(by_sev[s]),
            f"{SEVERITY_WORD[s]} ("
            + ", ".join(f"{n:,} {k}" for k, n in kinds.loc[s].items())
            + ")",
        )
        for s in sorted(by_sev.index)
    )
    trainees = f["student"].nunique()
    counts = Counts(
        items, f"{_plural(len(f), 'open flag')} for {_plural(trainees, 'trainee')} in all"
    )
    return Section("flags", "Open flags", lead, [counts, _flag_groups(inp)])


def completion_section(inp: CohortInputs) -> Section:
    comp = frames.completion(inp)
    return Section(
        "completion",
        "Completion and lateness by module",
        "Share of trainees who submitted each assignment on time, late, or not at all.",
        [
            Chart(svg(plots.completion_chart(comp)), "Completion and lateness by assignment"),
            make_table(
                comp,
                [
                    ("assignment", "Assignment"),
                    ("submitted", "Submitted", "num"),
                    ("on_time", "On time", "num"),
                    ("late", "Late", "num"),
                    ("missing", "Missing", "num"),
                    ("completion_pct", "Completion %", "num"),
                    ("pending_manual", "Awaiting manual grading", "num"),
                ],
            ),
        ],
    )


def scores_section(inp: CohortInputs) -> Section:
    st = frames.submission_status(inp)
    order = list(frames.completion(inp)["assignment"])
    lead = (
        "Percent of points per assignment; each dot is a trainee, the box the middle half, "
        "the line the median."
    )
    if st.loc[st["submitted"], "percent"].dropna().empty:
        return Section(
            "scores",
            "Score distributions",
            "",
            [Text("No scores yet: nothing has been collected and graded.", "empty")],
        )
    pending = int(st.loc[st["submitted"], "pending"].sum())
    if pending:
        lead += (
            f" {_plural(pending, 'written answer')} still await manual grading and count "
            "as 0 until a supervisor scores them."
        )
    return Section(
        "scores",
        "Score distributions",
        lead,
        [Chart(svg(plots.score_chart(st, order)), "Score distribution per assignment")],
    )


def levels_section(inp: CohortInputs) -> Section:
    m = frames.level_matrix(inp)
    title = "Competency levels (1 potentially harmful … 4 advanced)"
    if m.empty:
        return Section(
            "levels",
            "Competency levels",
            "",
            [Text("No competency has been assessed yet.", "empty")],
        )
    names = _names()
    if len(m) <= plots.HEATMAP_MAX_TRAINEES:
        chart = plots.level_heatmap(m, names)
        lead = (
            "Each trainee's current level per competency: a supervisor's confirmed rating "
            "where there is one, else the level computed from the role-plays. Hatched "
            "cells: not assessed yet."
        )
    else:
        chart = plots.level_shares(m, names)
        lead = f"Share of the {len(m):,} trainees at each level, per competency."
    low = frames.current_levels(inp)
    low = low[low["level"] == 1].assign(name=lambda d: d["competency"].map(names))
    return Section(
        "levels",
        title,
        lead,
        [
            Chart(svg(chart), "Competency levels"),
            Text("Potentially harmful (level 1) now", "h3"),
            make_table(
                low,
                [
                    ("student", "Trainee"),
                    ("name", "Competency"),
                    ("level", "Level", "level"),
                    ("source", "Source"),
                    ("assignment", "Assessed in"),
                ],
                empty="No trainee is at level 1 in any competency.",
                limit=40,
            ),
        ],
    )


def harmful_section(inp: CohortInputs) -> Section:
    least = frames.min_reached(inp)
    moments = frames.hard_moments(inp)
    title = "Moments that trip trainees up"
    lead = (
        f"Decision points reached by at least {least} trainees, ranked by how many chose a "
        "potentially harmful response: candidates for extra practice and for supervision "
        "sessions. The chart and the table show the same points."
    )
    if moments.empty:
        return Section(
            "moments",
            title,
            lead,
            [
                Text(
                    f"No decision point reached by {least} or more trainees drew a potentially "
                    "harmful response in the graded role-plays.",
                    "empty",
                )
            ],
        )
    moments = moments.assign(rank=range(1, len(moments) + 1))
    return Section(
        "moments",
        title,
        lead,
        [
            Chart(
                svg(plots.harmful_chart(moments)), "Potentially harmful choices per decision point"
            ),
            make_table(
                moments,
                [
                    ("rank", "#", "num"),
                    ("title", "Role-play"),
                    ("node", "Decision point"),
                    ("client", "What the person said"),
                    ("harmful", "Harmful", "num"),
                    ("reached", "Reached", "num"),
                    ("most_chosen_harmful", "Harmful response chosen most"),
                ],
            ),
        ],
    )


def progress_section(inp: CohortInputs) -> Section | None:
    p = frames.progress(inp)
    if len(p.columns) < 2 or p.notna().sum().sum() == 0:
        return None  # progress needs at least two modules
    return Section(
        "progress",
        "Progress over modules",
        "Percent score per assignment in module order: the median trainee and the "
        "middle half of the cohort.",
        [Chart(svg(plots.progress_chart(p)), "Progress over modules")],
    )


def supervision_section(inp: CohortInputs) -> Section:
    tot = frames.supervision_totals(inp)
    return Section(
        "supervision",
        "Supervision log",
        "Supervised hours per trainee (corrections and voided entries excluded).",
        [
            make_table(
                tot,
                [
                    ("trainee", "Trainee"),
                    ("sessions", "Sessions", "num"),
                    ("hours", "Hours", "num"),
                    ("individual_hours", "Individual", "num"),
                    ("group_hours", "Group", "num"),
                    ("last_session", "Last session"),
                    ("supervisors", "Supervisors"),
                ],
                empty="No supervision sessions recorded yet.",
                limit=100,
            )
        ],
    )


# The order on the page: what needs action first, then the picture, then the records.
SECTIONS: tuple[tuple[str, str, Callable[[CohortInputs], Section | None]], ...] = (
    ("flags", "Flags", flags_section),
    ("completion", "Completion", completion_section),
    ("scores", "Scores", scores_section),
    ("levels", "Competencies", levels_section),
    ("moments", "Hard moments", harmful_section),
    ("progress", "Progress", progress_section),
    ("supervision", "Supervision", supervision_section),
)


def render_cohort(inp: CohortInputs) -> str:
    """The whole report as one HTML document."""
    sections = [s for _a, _t, fn in SECTIONS if (s := fn(inp)) is not None]
    shown = {s.anchor for s in sections}
    return page(
        "report.html.j2",
        f"Cohort {inp.course_id}",
        f"Cohort report · {inp.now:%d %B %Y, %H:%M} UTC",
        toc=[(a, t) for a, t, _ in SECTIONS if a in shown],
        tiles=headline(inp),
        sections=sections,
    )
