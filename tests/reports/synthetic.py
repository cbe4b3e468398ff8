"""A realistic cohort as report inputs, made in memory: 12 fictional trainees, 9 modules,
role-play steps with harmful choices at a few hard moments, ratings, flags and sessions.
Used for the report screenshot in the supervisor guide (no nbgrader run needed)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pandas as pd

from paratrain.competencies.framework import COMPETENCIES
from paratrain.reports.inputs import (
    FLAG_COLUMNS,
    LEVEL_COLUMNS,
    PLAN_COLUMNS,
    RATING_COLUMNS,
    SESSION_COLUMNS,
    SIGNOFF_COLUMNS,
    STEP_COLUMNS,
    CohortInputs,
)
from paratrain.supervision.gradebook import GradebookFrames

NAMES = [
    "amara",
    "bao",
    "carmen",
    "deshawn",
    "elif",
    "farah",
    "gus",
    "hana",
    "ike",
    "jo",
    "kwame",
    "lena",
]
MODULES = [
    "m01-role",
    "m02-helping",
    "m03-first-contact",
    "m04-suicide-risk",
    "m05-escalation",
    "m06-case-management",
    "m07-referral",
    "m08-community",
    "m09-supervision",
]
MOMENTS = [
    (
        "Barley tea with Mrs. Park",
        "home",
        "Sometimes I think, when he goes in, I can go too.",
        "You're not thinking of doing anything stupid, are you?",
        0.45,
    ),
    (
        "The morning after the fire",
        "escalates",
        "My mom can't breathe, and you're telling me to wait!",
        "Sir, if you can't calm down, security will take you outside.",
        0.3,
    ),
    (
        "A late call on the peer line",
        "took-pills",
        "I took some of my pills... a lot.",
        "Okay, get some rest. Call us tomorrow.",
        0.2,
    ),
    (
        "Thursday coffee hour: Andrés",
        "opens",
        "I yelled at him like he was a private.",
        "You can't yell at a six-year-old like that, man.",
        0.35,
    ),
    (
        "Following up with Hodan",
        "food",
        "The food people said no.",
        "I'm afraid that means you're not eligible.",
        0.15,
    ),
]


def _submissions(subs: list[tuple[object, ...]]) -> pd.DataFrame:
    df = pd.DataFrame(subs, columns=["assignment", "student", "timestamp", "extension", "duedate"])
    df["extension"] = pd.to_datetime(df["extension"], utc=True)
    return df


def _flags(
    steps: list[tuple[object, ...]], subs: list[tuple[object, ...]], now: datetime
) -> pd.DataFrame:
    """The flags grading would raise: one per harmful choice, per late or missing submission,
    and one possible real phone number in a written answer."""
    rows: list[tuple[object, ...]] = []
    stamp = pd.Timestamp(now)
    for n, m, sid, title, number, _node, _client, text, _t, hurt in steps:
        if hurt:
            rows.append(
                (
                    "harmful-choice",
                    1,
                    n,
                    m,
                    sid,
                    f"Potentially harmful response in "
                    f"'{title}', decision {number}: chose \"{text}\"",
                )
            )
    rows.append(
        (
            "identifying-information",
            1,
            "jo",
            "m06-case-management",
            "answer",
            "Possible real identifying information (phone) in the written answer 'answer'.",
        )
    )
    for m, n, ts, _ext, due in subs:
        if ts > due:  # type: ignore[operator]
            hours = (ts - due).total_seconds() / 3600  # type: ignore[operator]
            rows.append(
                ("late-work", 4, n, m, "", f"Submitted {hours:.0f} hour(s) after it was due.")
            )
    done = {(m, n) for m, n, *_ in subs}
    for m in MODULES:
        for n in NAMES:
            if (m, n) not in done:
                rows.append(("missing-work", 4, n, m, "", "Not submitted."))
    return pd.DataFrame(
        [(i + 1, *r[:5], r[5], "open", stamp, "", "") for i, r in enumerate(rows)],
        columns=FLAG_COLUMNS,
    )


def cohort(seed: int = 7) -> CohortInputs:
    rng = random.Random(seed)
    now = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    skill = {n: rng.uniform(0.35, 0.95) for n in NAMES}
    skill["gus"], skill["jo"] = 0.25, 0.3
    students = pd.DataFrame(
        {
            "student": NAMES,
            "first_name": [n.title() for n in NAMES],
            "last_name": ["Trainee"] * 12,
            "email": [""] * 12,
        }
    )
    due = {
        m: datetime(2026, 1, 12, tzinfo=UTC) + timedelta(days=14 * i) for i, m in enumerate(MODULES)
    }
    assignments = pd.DataFrame(
        {
            "assignment": MODULES,
            "max_score": [25.0] * 9,
            "duedate": [pd.Timestamp(due[m]) for m in MODULES],
        }
    )
    cells = pd.DataFrame(
        [
            (m, m, c, p, t)
            for m in MODULES
            for c, p, t in (
                ("score-rp", 10.0, "code"),
                ("score-quiz", 5.0, "code"),
                ("answer", 10.0, "markdown"),
            )
        ],
        columns=["assignment", "notebook", "cell", "max_score", "cell_type"],
    )
    subs, grades, levels, steps, ratings = [], [], [], [], []
    comps = [c.id for c in COMPETENCIES][:18]
    for i, m in enumerate(MODULES):
        for n in NAMES:
            if (n == "lena" and i > 1) or rng.random() < 0.04:
                continue
            late = (n == "ike" and i % 2 == 0) or rng.random() < 0.06
            stamp = due[m] + timedelta(hours=rng.randint(2, 60) if late else -rng.randint(2, 90))
            subs.append((m, n, pd.Timestamp(stamp), pd.NaT, pd.Timestamp(due[m])))
            trend = min(1.0, skill[n] + 0.03 * i)
            for c, p in (("score-rp", 10.0), ("score-quiz", 5.0), ("answer", 10.0)):
                grades.append(
                    (
                        m,
                        n,
                        m,
                        c,
                        round(p * min(1, max(0, rng.gauss(trend, 0.12))), 1),
                        c == "answer" and rng.random() < 0.15,
                    )
                )
            for comp in comps[2 * i % 18 : 2 * i % 18 + 3]:
                lv = (
                    1
                    if rng.random() > trend + 0.25
                    else (4 if rng.random() < trend - 0.3 else 3 if rng.random() < trend else 2)
                )
                levels.append((n, m, comp, lv))
        title, node, client, text, rate = MOMENTS[i % len(MOMENTS)]
        if i >= len(MOMENTS):  # a later module's role-play on the same theme
            title += ", a month on"
        for n in NAMES:
            if n == "lena" and i > 1:
                continue
            hurt = rng.random() < rate * (1.6 - skill[n])
            steps.append(
                (
                    n,
                    m,
                    f"s{i}",
                    title,
                    2,
                    node,
                    client,
                    text if hurt else "ok",
                    text if hurt else "ok",
                    hurt,
                )
            )
    for j, (n, m, comp, lv) in enumerate(levels[:60]):
        ratings.append((j, n, m, comp, lv, lv, "", "grace", pd.Timestamp(now), "v"))
    gb = GradebookFrames(
        students,
        assignments,
        cells,
        _submissions(subs),
        pd.DataFrame(
            grades,
            columns=["assignment", "student", "notebook", "cell", "score", "needs_manual_grade"],
        ),
    )
    plans = pd.DataFrame(
        [(m, i + 1, m, [f"s{i}"], ["answer"], []) for i, m in enumerate(MODULES)],
        columns=PLAN_COLUMNS,
    )
    flags = _flags(steps, subs, now)
    sessions = pd.DataFrame(
        [
            (
                k,
                n,
                "grace",
                "2026-03-02",
                rng.choice([45, 60, 90]),
                rng.choice(["individual", "group"]),
                ["safety planning"],
                "",
            )
            for k, n in enumerate(NAMES[:11] * 2)
        ],
        columns=SESSION_COLUMNS,
    )
    signoffs = pd.DataFrame(
        [
            (1, "amara", "m01-role", "signed", "", "grace", pd.Timestamp(now)),
            (2, "bao", "m01-role", "signed", "", "grace", pd.Timestamp(now)),
        ],
        columns=SIGNOFF_COLUMNS,
    )
    return CohortInputs(
        "riverbend-cohort-1",
        gb,
        plans,
        pd.DataFrame(steps, columns=STEP_COLUMNS),
        pd.DataFrame(levels, columns=LEVEL_COLUMNS),
        pd.DataFrame(ratings, columns=RATING_COLUMNS),
        signoffs,
        flags,
        sessions,
        now,
    )
