"""The cohort report: the frames of :mod:`paratrain.reports.frames` rendered as one HTML page.

Sections, in the order a program manager reads them (each a small function; the order of
:data:`SECTIONS` is the order on the page): the headline numbers, open flags (safety first),
completion and lateness, score distributions, competency levels, the decision points that trip
trainees up, progress over modules, and supervised hours.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.reports import frames, plots
from paratrain.reports.html import chart, level, page, section, severity, table, tiles
from paratrain.reports.inputs import CohortInputs


def _names() -> dict[str, str]:
    return {c: comp.name for c, comp in COMPETENCIES.items()}


def headline(inp: CohortInputs) -> str:
    st = frames.submission_status(inp)
    flags = frames.open_flags(inp)
    safety = int((flags["severity"] == 1).sum()) if not flags.empty else 0
    n = len(inp.gradebook.students)
    done = st["submitted"].mean() * 100 if len(st) else 0.0
    late = st.loc[st["submitted"], "late"].mean() * 100 if st["submitted"].any() else 0.0
    median = st.loc[st["submitted"], "percent"].median()
    hours = inp.sessions["minutes"].sum() / 60 if not inp.sessions.empty else 0.0
    signed = inp.signoffs.sort_values("id").drop_duplicates(["student", "assignment"],
                                                            keep="last")
    n_signed = int((signed["decision"] == "signed").sum())
    return tiles([
        (f"{n:,}", "trainees", ""),
        (f"{len(inp.gradebook.assignments)}", "assignments", ""),
        (f"{done:.0f}%", "of work submitted", "ok" if done >= 90 else ""),
        (f"{late:.0f}%", "of submissions late", "alert" if late >= 20 else ""),
        ("–" if median != median else f"{median:.0f}%", "median score", ""),
        (f"{safety}", "open safety flags", "alert" if safety else "ok"),
        (f"{n_signed}", "module sign-offs", ""),
        (f"{hours:,.1f}", "supervised hours", ""),
    ])


def flags_section(inp: CohortInputs) -> str:
    f = frames.open_flags(inp)
    counts = "" if f.empty else "<p>" + ", ".join(
        f"<b>{n}</b> {escape(k)}" for k, n in f["kind"].value_counts().items()) + "</p>"
    body = counts + table(
        f, [("severity", "Type"), ("student", "Trainee"), ("assignment", "Assignment"),
            ("reason", "Why it was raised"), ("raised_at", "Raised")],
        fmt={"severity": severity, "raised_at": lambda v: f"{v:%Y-%m-%d}"},
        empty="No open flags. Every flag raised so far has been resolved by a supervisor.",
        limit=60)
    return section("flags", "Open flags", "Raised automatically after grading; each must be "
                   "resolved by a supervisor with a note. Safety first.", body)


def completion_section(inp: CohortInputs) -> str:
    comp = frames.completion(inp)
    body = chart(plots.completion_chart(comp), "Completion and lateness by assignment")
    body += table(comp, [("assignment", "Assignment"), ("submitted", "Submitted"),
                         ("on_time", "On time"), ("late", "Late"), ("missing", "Missing"),
                         ("completion_pct", "Completion %"), ("pending_manual",
                                                              "Awaiting manual grading")],
                  numeric=["submitted", "on_time", "late", "missing", "completion_pct",
                           "pending_manual"])
    return section("completion", "Completion and lateness by module",
                   "Share of trainees who submitted each assignment on time, late, or not "
                   "at all.", body)


def scores_section(inp: CohortInputs) -> str:
    st = frames.submission_status(inp)
    order = list(frames.completion(inp)["assignment"])
    return section("scores", "Score distributions",
                   "Percent of points per assignment; each dot is a trainee, the box the "
                   "middle half, the line the median.",
                   chart(plots.score_chart(st, order), "Score distribution per assignment"))


def levels_section(inp: CohortInputs) -> str:
    m = frames.level_matrix(inp)
    if m.empty:
        return section("levels", "Competency levels", "", '<p class="empty">No competency '
                       "has been assessed yet.</p>")
    names = _names()
    if len(m) <= plots.HEATMAP_MAX_ROWS:
        svg = plots.level_heatmap(m, names)
        lead = ("Each trainee's current level per competency: a supervisor's confirmed rating "
                "where there is one, else the level computed from the role-plays.")
    else:
        svg = plots.level_shares(m, names)
        lead = f"Share of the {len(m):,} trainees at each level, per competency."
    low = frames.current_levels(inp)
    low = low[low["level"] == 1].assign(name=lambda d: d["competency"].map(names))
    body = chart(svg, "Competency levels") + "<h3>Potentially harmful (level 1) now</h3>" + \
        table(low, [("student", "Trainee"), ("name", "Competency"), ("level", "Level"),
                    ("source", "Source"), ("assignment", "Assessed in")],
              fmt={"level": level}, empty="No trainee is at level 1 in any competency.",
              limit=40)
    return section("levels", "Competency levels (1 potentially harmful … 4 advanced)", lead,
                   body)


def harmful_section(inp: CohortInputs) -> str:
    rates = frames.harmful_rates(inp)
    hit = rates[rates["harmful"] > 0]
    if hit.empty:
        return section("moments", "Moments that trip trainees up", "", '<p class="empty">No '
                       "potentially harmful responses in graded role-plays.</p>")
    body = chart(plots.harmful_chart(rates), "Harmful-choice rate per decision point")
    body += table(hit, [("title", "Role-play"), ("node", "Decision point"),
                        ("client", "What the person said"), ("reached", "Reached"),
                        ("harmful", "Harmful"), ("most_chosen_harmful",
                                                 "Harmful response chosen most")],
                  numeric=["reached", "harmful"], limit=15)
    return section("moments", "Moments that trip trainees up",
                   "Decision points where trainees chose a potentially harmful response: "
                   "candidates for extra practice and for supervision sessions.", body)


def progress_section(inp: CohortInputs) -> str:
    p = frames.progress(inp)
    if len(p.columns) < 2 or p.notna().sum().sum() == 0:
        return ""  # progress needs at least two modules
    return section("progress", "Progress over modules",
                   "Percent score per assignment in module order: the median trainee and the "
                   "middle half of the cohort.", chart(plots.progress_chart(p),
                                                       "Progress over modules"))


def supervision_section(inp: CohortInputs) -> str:
    tot = frames.supervision_totals(inp)
    return section("supervision", "Supervision log",
                   "Supervised hours per trainee (corrections and voided entries excluded).",
                   table(tot, [("trainee", "Trainee"), ("sessions", "Sessions"),
                               ("hours", "Hours"), ("individual_hours", "Individual"),
                               ("group_hours", "Group"), ("last_session", "Last session"),
                               ("supervisors", "Supervisors")],
                         numeric=["sessions", "hours", "individual_hours", "group_hours"],
                         empty="No supervision sessions recorded yet.", limit=100))


# The order on the page: what needs action first, then the picture, then the records.
SECTIONS: tuple[tuple[str, str, Callable[[CohortInputs], str]], ...] = (
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
    body = headline(inp) + "".join(fn(inp) for _a, _t, fn in SECTIONS)
    sub = f"Cohort report · {inp.now:%d %B %Y, %H:%M} UTC"
    return page(f"Cohort {inp.course_id}", sub, body, toc=[(a, t) for a, t, _ in SECTIONS])
