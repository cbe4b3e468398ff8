"""Rater agreement for calibration: ICC and weighted kappa per competency, and where raters
disagree.

When two or more supervisors rate the same submissions, a program can see whether their levels
agree enough to trust one supervisor's rating (rater training in the ENACT literature reaches
ICC 0.71-0.89; Mwenge et al. 2022). Statistics come from well-kept libraries:

* **ICC(A,1)**: two-way random effects, absolute agreement, single rater (Shrout & Fleiss
  ICC(2,1)), from ``pingouin.intraclass_corr``, with its 95% confidence interval. Computed on
  the items rated by every rater of the competency (pingouin omits incomplete items).
* **Quadratic-weighted Cohen's kappa**, from ``sklearn.metrics.cohen_kappa_score`` with labels
  1-4, for every pair of raters on the items both rated; the mean over pairs is reported.

An *item* is one trainee's submission of one assignment. The rating used is each rater's newest
for that item and competency. Items where raters differ by two levels or more, or where one
rater saw potentially harmful behaviour (level 1) and another did not, are listed for the
calibration session: those are the conversations worth having.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from paratrain.supervision import schema
from paratrain.supervision.store import Store

if TYPE_CHECKING:
    import pandas as pd

LEVELS = [1, 2, 3, 4]
MIN_ITEMS = 3
TARGET = (0.71, 0.89)  # ICC after rater training, Mwenge et al. 2022


@dataclass(frozen=True)
class Agreement:
    """Agreement on one competency. ``icc``/``kappa`` are None when they cannot be computed;
    ``note`` says why."""

    competency: str
    raters: tuple[str, ...]
    items: int
    complete_items: int
    icc: float | None
    icc_low: float | None
    icc_high: float | None
    kappa: float | None
    exact: float | None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in vars(self).items()}


def ratings_frame(store: Store, course_id: str) -> pd.DataFrame:
    """Newest rating per rater, item and competency: columns item, student, assignment,
    rater, competency, level."""
    import pandas as pd

    t = schema.rating
    rows = store.rows(t, t.c.course == course_id)
    df = pd.DataFrame(
        rows, columns=["id", "student", "assignment", "reviewer", "competency", "level"]
    )
    df = df.rename(columns={"reviewer": "rater"})
    df["item"] = df["student"] + " / " + df["assignment"]
    df = df.sort_values("id").drop_duplicates(["item", "rater", "competency"], keep="last")
    return df[["item", "student", "assignment", "rater", "competency", "level"]].reset_index(
        drop=True
    )


def _icc(wide: pd.DataFrame) -> tuple[float | None, float | None, float | None, str]:
    import pingouin  # type: ignore[import-untyped]  # pingouin ships no type hints

    complete = wide.dropna()
    if len(complete) < MIN_ITEMS:
        return None, None, None, f"needs at least {MIN_ITEMS} items rated by every rater"
    values = complete.to_numpy(dtype=float)
    if values.std() == 0:
        return (
            None,
            None,
            None,
            "every rating is the same level: agreement is total, but "
            "ICC is undefined without variation",
        )
    long = complete.reset_index().melt(id_vars="item", var_name="rater", value_name="level")
    with warnings.catch_warnings():
        # pingouin 0.7 calls pandas with the deprecated inplace= (pandas 3.1); the numbers
        # are unaffected. Degenerate designs were excluded above.
        warnings.filterwarnings("ignore", message="The inplace keyword")
        table = pingouin.intraclass_corr(long, targets="item", raters="rater", ratings="level")
    row = table.iloc[1]  # ICC(A,1) in pingouin 0.7, ICC2 before: two-way random, absolute
    ci_col = next(c for c in table.columns if str(c).startswith("CI"))
    low, high = (float(x) for x in row[ci_col])
    return float(row["ICC"]), low, high, ""


def _kappa(wide: pd.DataFrame) -> tuple[float | None, float | None]:
    from sklearn.metrics import cohen_kappa_score  # type: ignore[import-untyped]

    kappas, exact = [], []
    for a, b in combinations(wide.columns, 2):
        pair = wide[[a, b]].dropna()
        if len(pair) < 2:
            continue
        x, y = pair[a].astype(int).tolist(), pair[b].astype(int).tolist()
        exact.append(sum(i == j for i, j in zip(x, y, strict=True)) / len(x))
        if len(set(x) | set(y)) > 1:
            kappas.append(float(cohen_kappa_score(x, y, labels=LEVELS, weights="quadratic")))
    kappa = sum(kappas) / len(kappas) if kappas else None
    return kappa, (sum(exact) / len(exact) if exact else None)


def agreement(ratings: pd.DataFrame) -> list[Agreement]:
    """Agreement per competency over items rated by two or more raters."""
    out = []
    for comp, group in ratings.groupby("competency", sort=True):
        shared = group.groupby("item")["rater"].nunique()
        items = shared[shared >= 2].index
        g = group[group["item"].isin(items)]
        raters = tuple(sorted(g["rater"].unique()))
        if len(raters) < 2:
            continue
        wide = g.pivot(index="item", columns="rater", values="level")
        icc, low, high, note = _icc(wide)
        kappa, exact = _kappa(wide)
        out.append(
            Agreement(
                str(comp),
                raters,
                len(items),
                len(wide.dropna()),
                icc,
                low,
                high,
                kappa,
                exact,
                note,
            )
        )
    return out


def disagreements(ratings: pd.DataFrame, *, spread: int = 2) -> pd.DataFrame:
    """Items where raters differ by ``spread`` levels or more, or disagree about harm."""
    import pandas as pd

    wide = ratings.pivot_table(
        index=["item", "competency"], columns="rater", values="level", aggfunc="last"
    )
    counted = wide.notna().sum(axis=1) >= 2
    wide = wide[counted]
    lo, hi = wide.min(axis=1), wide.max(axis=1)
    harm = (lo == 1) & (hi > 1)
    picked = wide[(hi - lo >= spread) | harm].copy()
    if picked.empty:
        return pd.DataFrame(columns=["item", "competency", "spread", "why", "ratings"])
    picked["spread"] = (hi - lo)[picked.index]
    picked["why"] = [
        "one rater saw harm, another did not" if h else "ratings far apart"
        for h in harm[picked.index]
    ]
    raters = list(wide.columns)
    picked["ratings"] = [
        ", ".join(f"{r}: {int(v)}" for r, v in row.items() if v == v)
        for _, row in picked[raters].iterrows()
    ]
    return picked.reset_index()[["item", "competency", "spread", "why", "ratings"]]


def rater_summary(ratings: pd.DataFrame) -> pd.DataFrame:
    """Per rater: items rated, mean level, and mean difference from the other raters on the
    same items (positive: rates higher than colleagues; negative: stricter)."""
    import pandas as pd

    shared = ratings.groupby(["item", "competency"])["rater"].transform("nunique") >= 2
    r = ratings[shared].copy()
    if r.empty:
        return pd.DataFrame(columns=["rater", "ratings", "mean_level", "vs_others"])
    sums = r.groupby(["item", "competency"])["level"].transform("sum")
    counts = r.groupby(["item", "competency"])["level"].transform("count")
    r["others"] = (sums - r["level"]) / (counts - 1)
    r["diff"] = r["level"] - r["others"]
    out = (
        r.groupby("rater")
        .agg(ratings=("level", "size"), mean_level=("level", "mean"), vs_others=("diff", "mean"))
        .reset_index()
    )
    return out.round({"mean_level": 2, "vs_others": 2})
