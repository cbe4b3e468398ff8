"""Pure frame builders: :class:`~paratrain.reports.inputs.CohortInputs` in, tidy tables out.

No files, no database, no plotting: each function takes the loaded inputs and returns a
DataFrame, so renderers (HTML, CSV) and tests share one definition of every number.
"""

from __future__ import annotations

import math

import pandas as pd

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.course.lateness import late_mask
from paratrain.reports.inputs import CohortInputs

LONG_COLUMNS = [
    "student",
    "first_name",
    "last_name",
    "assignment",
    "module",
    "notebook",
    "item",
    "kind",
    "score",
    "max_score",
    "submitted",
    "late",
    "timestamp",
    "needs_manual_grade",
]


def _module_of(inp: CohortInputs) -> dict[str, int | None]:
    return {
        r.assignment: (None if pd.isna(r.module) else int(r.module)) for r in inp.plans.itertuples()
    }


def _order(inp: CohortInputs) -> list[str]:
    """Assignments in module order (then by name)."""
    mods = _module_of(inp)
    names = list(inp.gradebook.assignments["assignment"])
    return sorted(names, key=lambda a: (mods.get(a) is None, mods.get(a) or 0, a))


def submission_status(inp: CohortInputs) -> pd.DataFrame:
    """One row per trainee and assignment: submitted, late, score, percent."""
    if "status" not in inp.memo:
        inp.memo["status"] = _submission_status(inp)
    return inp.memo["status"].copy()


def _submission_status(inp: CohortInputs) -> pd.DataFrame:
    gb = inp.gradebook
    grid = gb.students[["student"]].merge(
        gb.assignments[["assignment", "duedate", "max_score"]], how="cross"
    )
    subs = gb.submissions[["assignment", "student", "timestamp", "extension"]]
    out = grid.merge(subs, on=["assignment", "student"], how="left")
    totals = gb.grades.groupby(["assignment", "student"], as_index=False).agg(
        score=("score", "sum"), pending=("needs_manual_grade", "sum")
    )
    out = out.merge(totals, on=["assignment", "student"], how="left")
    out["submitted"] = out["timestamp"].notna()
    # the one lateness rule (due date + extension), shared with status and flags
    out["late"] = out["submitted"] & late_mask(out["timestamp"], out["duedate"], out["extension"])
    out["overdue"] = ~out["submitted"] & out["duedate"].notna() & (out["duedate"] < inp.now)
    out["score"] = out["score"].where(out["submitted"])
    out["percent"] = (100 * out["score"] / out["max_score"].where(out["max_score"] > 0)).round(1)
    out["pending"] = out["pending"].fillna(0).astype(int)
    mods = _module_of(inp)
    out["module"] = out["assignment"].map(mods)
    return out


def completion(inp: CohortInputs) -> pd.DataFrame:
    """Per assignment (module order): trainees, submitted, on time, late, missing, rates."""
    st = submission_status(inp)
    g = st.groupby("assignment").agg(
        module=("module", "first"),
        trainees=("student", "size"),
        submitted=("submitted", "sum"),
        late=("late", "sum"),
        overdue=("overdue", "sum"),
        pending_manual=("pending", "sum"),
        median_percent=("percent", "median"),
    )
    g["missing"] = g["trainees"] - g["submitted"]
    g["on_time"] = g["submitted"] - g["late"]
    n = g["trainees"].where(g["trainees"] > 0)
    g["completion_pct"] = (100 * g["submitted"] / n).round(1)
    g["late_pct"] = (100 * g["late"] / g["submitted"].where(g["submitted"] > 0)).round(1)
    g = g.reindex([a for a in _order(inp) if a in g.index])
    cols = [
        "module",
        "trainees",
        "submitted",
        "on_time",
        "late",
        "missing",
        "overdue",
        "completion_pct",
        "late_pct",
        "median_percent",
        "pending_manual",
    ]
    return g[cols].reset_index()


def current_levels(inp: CohortInputs) -> pd.DataFrame:
    """Per trainee and competency: the level that counts now.

    A supervisor's rating wins over the computed level; among several, the newest; over
    modules, the latest module that assessed the competency.
    """
    mods = _module_of(inp)
    comp = inp.levels.assign(source="computed", reviewer="", at=pd.NaT)
    rated = inp.ratings.sort_values("id").drop_duplicates(
        ["student", "assignment", "competency"], keep="last"
    )
    conf = (
        rated[["student", "assignment", "competency", "level", "reviewer", "created_at"]]
        .rename(columns={"created_at": "at"})
        .assign(source="confirmed")
    )
    both = (
        pd.concat([c for c in (comp, conf) if not c.empty], ignore_index=True)
        if not (comp.empty and conf.empty)
        else comp
    )
    if both.empty:
        return pd.DataFrame(
            columns=["student", "competency", "level", "source", "assignment", "reviewer"]
        )
    both["module"] = both["assignment"].map(mods).fillna(-1)
    both["rank"] = (both["source"] == "confirmed").astype(int)
    both = both.sort_values(["module", "rank"]).drop_duplicates(
        ["student", "competency"], keep="last"
    )
    both["level"] = both["level"].astype(int)
    return (
        both[["student", "competency", "level", "source", "assignment", "reviewer"]]
        .sort_values(["student", "competency"])
        .reset_index(drop=True)
    )


def level_matrix(inp: CohortInputs) -> pd.DataFrame:
    """Trainee x competency levels (NaN where not assessed), competencies in framework order."""
    lv = current_levels(inp)
    if lv.empty:
        return pd.DataFrame()
    m = lv.pivot(index="student", columns="competency", values="level")
    order = [c for c in COMPETENCIES if c in m.columns] + [
        c for c in m.columns if c not in COMPETENCIES
    ]
    return m[order]


def harmful_rates(inp: CohortInputs) -> pd.DataFrame:
    """Per decision point of each scenario: trainees who reached it, how many chose a
    potentially harmful response, the rate, and the harmful response chosen most."""
    s = inp.steps
    cols = [
        "scenario",
        "title",
        "node",
        "client",
        "reached",
        "harmful",
        "rate",
        "most_chosen_harmful",
    ]
    if s.empty:
        return pd.DataFrame(columns=cols)
    g = s.groupby(["scenario", "title", "node"], as_index=False).agg(
        client=("client", "first"), reached=("student", "nunique")
    )
    h = s[s["harmful"]]
    hurt = h.groupby(["scenario", "node"])["student"].nunique().rename("harmful")
    g = g.merge(hurt, on=["scenario", "node"], how="left")
    g["harmful"] = g["harmful"].fillna(0).astype(int)
    g["rate"] = (g["harmful"] / g["reached"]).round(3)
    top = h.groupby(["scenario", "node"])["text"].agg(lambda t: t.value_counts().index[0])
    g = g.merge(top.rename("most_chosen_harmful"), on=["scenario", "node"], how="left")
    g["most_chosen_harmful"] = g["most_chosen_harmful"].fillna("")
    g = g.sort_values(["harmful", "rate", "title", "node"], ascending=[False, False, True, True])
    return g[cols].reset_index(drop=True)


def min_reached(inp: CohortInputs) -> int:
    """How many trainees must reach a decision point before the report ranks it: at least
    3, and at least 5% of the cohort (one trainee's slip is not a pattern)."""
    return max(3, math.ceil(0.05 * len(inp.gradebook.students)))


def hard_moments(inp: CohortInputs, *, top: int = 12) -> pd.DataFrame:
    """The decision points to practise: reached by at least :func:`min_reached` trainees,
    ranked by how many chose a potentially harmful response (then by the rate)."""
    r = harmful_rates(inp)
    return (
        r[(r["harmful"] > 0) & (r["reached"] >= min_reached(inp))].head(top).reset_index(drop=True)
    )


def progress(inp: CohortInputs) -> pd.DataFrame:
    """Trainee x assignment percent score (module order; NaN where not submitted)."""
    st = submission_status(inp)
    p = st.pivot(index="student", columns="assignment", values="percent")
    return p[[a for a in _order(inp) if a in p.columns]]


def open_flags(inp: CohortInputs) -> pd.DataFrame:
    f = inp.flags
    return f[f["status"] == "open"].sort_values(["severity", "raised_at"]).reset_index(drop=True)


def flags_by_trainee(inp: CohortInputs) -> pd.DataFrame:
    """Per trainee with open flags: how many (``safety`` for severity 1, and ``sev1``..
    ``sev4``), the assignments they are in; most safety flags first, then most flags."""
    f = open_flags(inp)
    cols = ["student", "name", "total", "safety", "sev1", "sev2", "sev3", "sev4", "assignments"]
    if f.empty:
        return pd.DataFrame(columns=cols)
    by = f.groupby("student").agg(
        total=("id", "size"), assignments=("assignment", lambda a: sorted(set(a) - {""}))
    )
    for sev in (1, 2, 3, 4):
        by[f"sev{sev}"] = f[f["severity"] == sev].groupby("student").size()
    by = by.fillna({f"sev{s}": 0 for s in (1, 2, 3, 4)}).astype(
        {f"sev{s}": int for s in (1, 2, 3, 4)}
    )
    by["safety"] = by["sev1"]
    people = inp.gradebook.students.set_index("student")
    by["name"] = [_name(people, sid) for sid in by.index]
    by = by.reset_index().sort_values(
        ["safety", "total", "student"], ascending=[False, False, True]
    )
    return by[cols].reset_index(drop=True)


def _name(people: pd.DataFrame, sid: str) -> str:
    if sid not in people.index:
        return sid
    r = people.loc[sid]
    full = f"{r['first_name'] or ''} {r['last_name'] or ''}".strip()
    return f"{full} ({sid})" if full else sid


def _kind(item: str, roleplays: set[str], answers: set[str], cell_type: str) -> str:
    if not roleplays and not answers:  # no paratrain plan: say only how it is graded
        return "autograded" if cell_type == "code" else "manual"
    if item in answers:
        return "written"
    if item.startswith("score-") and item[6:] in roleplays:
        return "role-play"
    if item.startswith("score-") and cell_type == "code":
        return "quiz"
    return "other"


def long_export(inp: CohortInputs) -> pd.DataFrame:
    """One row per trainee and gradable item (missing work included with an empty score)."""
    gb = inp.gradebook
    st = submission_status(inp)[["student", "assignment", "submitted", "late", "timestamp"]]
    # format once per submission, not once per item (datetime formatting dominates to_csv)
    st["timestamp"] = st["timestamp"].dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    grid = gb.students.merge(gb.cells.rename(columns={"cell": "item"}), how="cross")
    grid = grid.merge(st, on=["student", "assignment"], how="left")
    grades = gb.grades.rename(columns={"cell": "item"})[
        ["student", "assignment", "notebook", "item", "score", "needs_manual_grade"]
    ]
    out = grid.merge(grades, on=["student", "assignment", "notebook", "item"], how="left")
    roleplays = {r for rs in inp.plans["roleplays"] for r in rs}
    answers = {a for xs in inp.plans["answers"] for a in xs}
    out["kind"] = [
        _kind(i, roleplays, answers, t) for i, t in zip(out["item"], out["cell_type"], strict=True)
    ]
    out["module"] = out["assignment"].map(_module_of(inp))
    out["needs_manual_grade"] = out["needs_manual_grade"].fillna(False).astype(bool)
    out = out.sort_values(
        ["student", "module", "assignment", "notebook", "item"], na_position="last"
    )
    return out[LONG_COLUMNS].reset_index(drop=True)


def wide_export(long: pd.DataFrame) -> pd.DataFrame:
    """One row per trainee, one column per item (``assignment/item``), then a total."""
    key = long["assignment"] + "/" + long["item"]
    w = long.assign(key=key).pivot_table(
        index="student", columns="key", values="score", aggfunc="first", dropna=False, sort=False
    )
    w = w.reindex(columns=list(dict.fromkeys(key)))
    w["total"] = w.sum(axis=1, min_count=1).round(2)
    names = long.drop_duplicates("student").set_index("student")[["first_name", "last_name"]]
    w = names.join(w, how="right")
    w.columns.name = None
    return w.reset_index()


def supervision_totals(inp: CohortInputs) -> pd.DataFrame:
    """Per trainee: sessions, hours (individual and group), last session, supervisors."""
    s = inp.sessions
    cols = [
        "trainee",
        "sessions",
        "hours",
        "individual_hours",
        "group_hours",
        "last_session",
        "supervisors",
    ]
    if s.empty:
        return pd.DataFrame(columns=cols)
    s = s.assign(hours=s["minutes"] / 60)
    g = s.groupby("trainee").agg(
        sessions=("id", "size"),
        hours=("hours", "sum"),
        last_session=("held_on", "max"),
        supervisors=("supervisor", lambda x: ", ".join(sorted(set(x)))),
    )
    by_fmt = s.pivot_table(index="trainee", columns="format", values="hours", aggfunc="sum")
    g["individual_hours"] = by_fmt.get("individual", pd.Series(dtype=float))
    g["group_hours"] = by_fmt.get("group", pd.Series(dtype=float))
    g = g.fillna({"individual_hours": 0.0, "group_hours": 0.0})
    return g.round(2).reset_index()[cols]


def trainee_assessments(inp: CohortInputs, student: str) -> pd.DataFrame:
    """What was assessed for one trainee, by whom, and the level: one row per assignment and
    competency (computed level, and every supervisor rating, newest last)."""
    mods = _module_of(inp)
    comp = inp.levels[inp.levels["student"] == student]
    rated = inp.ratings[inp.ratings["student"] == student].sort_values("id")
    rows = []
    for r in comp.itertuples():
        rows.append(
            {
                "assignment": r.assignment,
                "competency": r.competency,
                "level": int(r.level),
                "by": "computed from role-plays",
                "at": None,
                "comment": "",
            }
        )
    for r in rated.itertuples():
        rows.append(
            {
                "assignment": r.assignment,
                "competency": r.competency,
                "level": int(r.level),
                "by": r.reviewer,
                "at": r.created_at,
                "comment": r.comment,
            }
        )
    out = pd.DataFrame(rows, columns=["assignment", "competency", "level", "by", "at", "comment"])
    out["module"] = out["assignment"].map(mods)
    out["name"] = out["competency"].map(lambda c: COMPETENCIES[c].name if c in COMPETENCIES else c)
    return out.sort_values(["module", "assignment", "competency"], kind="stable").reset_index(
        drop=True
    )
