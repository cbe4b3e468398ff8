"""A trainee's competency record: what was assessed, by whom, the level, and sign-offs.

The page a trainee's file keeps, and what a certifying body asks to see: every competency
assessed in every module (the level computed from the role-plays and every supervisor rating,
with names, dates and comments), module sign-offs and withdrawals, flags and how they were
resolved, and supervised hours.
"""

from __future__ import annotations

from paratrain.errors import InputError
from paratrain.reports import frames
from paratrain.reports.html import Section, Tile, make_table, page
from paratrain.reports.inputs import CohortInputs


def render_record(inp: CohortInputs, student: str) -> str:
    """The record of ``student`` as one HTML document.

    Raises
    ------
    InputError
        If the trainee is not in the gradebook.
    """
    people = inp.gradebook.students.set_index("student")
    if student not in people.index:
        raise InputError(
            f"no trainee '{student}' in the gradebook of {inp.course_id}",
            hint="see the trainee ids in the cohort report",
        )
    person = people.loc[student]
    name = f"{person['first_name'] or ''} {person['last_name'] or ''}".strip() or student
    assessed = frames.trainee_assessments(inp, student)
    cur = frames.current_levels(inp)
    cur = cur[cur["student"] == student]
    signs = inp.signoffs[inp.signoffs["student"] == student].sort_values("id")
    flags = inp.flags[inp.flags["student"] == student]
    sessions = inp.sessions[inp.sessions["trainee"] == student]
    status = frames.submission_status(inp)
    status = status[status["student"] == student]
    latest = signs.drop_duplicates("assignment", keep="last")
    tiles = [
        Tile(f"{int(status['submitted'].sum())}/{len(status)}", "assignments submitted"),
        Tile(f"{int((cur['level'] >= 3).sum())}/{len(cur)}", "competencies at level 3+"),
        Tile(
            f"{int((cur['level'] == 1).sum())}",
            "competencies at level 1",
            "alert" if (cur["level"] == 1).any() else "ok",
        ),
        Tile(f"{int((latest['decision'] == 'signed').sum())}", "modules signed off"),
        Tile(f"{sessions['minutes'].sum() / 60:.1f}", "supervised hours"),
    ]
    sections = [
        Section(
            "assessed",
            "Competencies assessed",
            "One row per assessment: the level computed from the role-plays, and each "
            "supervisor's confirmation or override (newest last).",
            [
                make_table(
                    assessed,
                    [
                        ("assignment", "Module"),
                        ("name", "Competency"),
                        ("level", "Level", "level"),
                        ("by", "By"),
                        ("at", "When", "datetime"),
                        ("comment", "Comment"),
                    ],
                    empty="Nothing assessed yet.",
                )
            ],
        ),
        Section(
            "signoffs",
            "Module sign-offs",
            "Sign-offs and withdrawals, in order.",
            [
                make_table(
                    signs,
                    [
                        ("assignment", "Module"),
                        ("decision", "Decision"),
                        ("reviewer", "By"),
                        ("created_at", "When", "datetime"),
                        ("comment", "Comment"),
                    ],
                    empty="No module signed off yet.",
                )
            ],
        ),
        Section(
            "flags",
            "Flags",
            "Raised automatically; resolved by a supervisor.",
            [
                make_table(
                    flags,
                    [
                        ("severity", "Type", "severity"),
                        ("assignment", "Assignment"),
                        ("reason", "Why"),
                        ("status", "Status"),
                        ("resolved_by", "Resolved by"),
                        ("resolution", "Note"),
                    ],
                    empty="No flags.",
                )
            ],
        ),
        Section(
            "sessions",
            "Supervision sessions",
            "Counted towards supervised hours.",
            [
                make_table(
                    sessions,
                    [
                        ("held_on", "Date"),
                        ("supervisor", "Supervisor"),
                        ("minutes", "Minutes", "num"),
                        ("format", "Format"),
                        ("topics", "Topics", "list"),
                    ],
                    empty="No sessions recorded.",
                )
            ],
        ),
    ]
    return page(
        "report.html.j2",
        f"Competency record: {name}",
        f"{student} · cohort {inp.course_id} · {inp.now:%d %B %Y}",
        tiles=tiles,
        sections=sections,
    )
