"""Plots for the cohort report: frames in, inline SVG out.

Each function draws one figure with matplotlib's object API (``Figure``, no pyplot, so no
global state and no display backend) and returns SVG text to embed in the page. Colours are
the report's palette: level 1 (potentially harmful) red, levels 2-4 amber to deep blue, and
a colour-blind safe trio for on time / late / missing.
"""

from __future__ import annotations

import io
import re
from typing import Any

import numpy as np
import pandas as pd

# Red for harm, then blues of rising depth: ordered by lightness and safe for red-green
# colour blindness.
LEVEL_COLOURS = {1: "#c0392b", 2: "#f3c46b", 3: "#9ecae1", 4: "#2166ac"}
LEVEL_WORDS = {
    1: "1 potentially harmful",
    2: "2 some basic skills",
    3: "3 all basic skills",
    4: "4 basic and advanced",
}
ON_TIME, LATE, MISSING = "#3b7dd8", "#f0a030", "#c9ced6"
INK, GRID = "#243447", "#e3e8ef"
NOT_ASSESSED: dict[str, Any] = {"facecolor": "#eef0f3", "edgecolor": "#b8c0cc", "hatch": "////"}
# Up to this many trainees the report draws every trainee's levels (one column each); above
# it, the share of trainees at each level per competency.
HEATMAP_MAX_TRAINEES = 40


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    fig.patch.set_alpha(0)
    return fig


def _style(ax: Any) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#9aa5b1")
    ax.tick_params(colors=INK, labelsize=9)
    ax.xaxis.label.set_color(INK)
    ax.yaxis.label.set_color(INK)


def to_svg(fig: Any) -> str:
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "font.family": "DejaVu Sans"}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    svg = buf.getvalue()
    svg = svg[svg.index("<svg") :]
    # drop the RDF metadata block (creation date, tool links): smaller, and reproducible
    return re.sub(r"<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)


def completion_chart(comp: pd.DataFrame) -> str:
    """Stacked bars per assignment: on time, late, missing (share of trainees)."""
    n = max(len(comp), 1)
    fig = _figure(8.5, 0.42 * n + 1.1)
    ax = fig.add_subplot()
    labels = [_short(a) for a in comp["assignment"]]
    y = np.arange(len(comp))[::-1]
    total = comp["trainees"].replace(0, np.nan)
    left = np.zeros(len(comp))
    for col, colour, word in (
        ("on_time", ON_TIME, "on time"),
        ("late", LATE, "late"),
        ("missing", MISSING, "not submitted"),
    ):
        share = (100 * comp[col] / total).fillna(0).to_numpy()
        ax.barh(y, share, left=left, color=colour, label=word, height=0.62)
        for yi, li, s in zip(y, left, share, strict=True):
            if s >= 7:
                ax.text(
                    li + s / 2,
                    yi,
                    f"{s:.0f}%",
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if colour != MISSING else INK,
                )
        left = left + share
    ax.set_yticks(y, labels)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of trainees")
    ax.legend(ncols=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=9)
    _style(ax)
    return to_svg(fig)


def score_chart(status: pd.DataFrame, order: list[str]) -> str:
    """Distribution of percent scores per assignment: box plot with every trainee as a dot."""
    data = [
        status.loc[(status["assignment"] == a) & status["submitted"], "percent"].dropna().to_numpy()
        for a in order
    ]
    fig = _figure(8.5, 3.6)
    ax = fig.add_subplot()
    if not any(len(d) for d in data):
        ax.text(
            0.5,
            0.5,
            "No scores yet: nothing has been graded.",
            ha="center",
            va="center",
            color=INK,
            fontsize=11,
            transform=ax.transAxes,
        )
        ax.set_axis_off()
        return to_svg(fig)
    pos = np.arange(1, len(order) + 1)
    ax.boxplot(
        [d if len(d) else [np.nan] for d in data],
        positions=pos,
        widths=0.5,
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": "#dbe7f7", "edgecolor": "#3b7dd8"},
        medianprops={"color": "#1d4f91", "linewidth": 2},
        whiskerprops={"color": "#3b7dd8"},
        capprops={"color": "#3b7dd8"},
    )
    rng = np.random.default_rng(0)
    many = sum(len(d) for d in data) > 3000
    for p, d in zip(pos, data, strict=True):
        if len(d) and not many:
            ax.scatter(
                p + rng.uniform(-0.15, 0.15, len(d)),
                d,
                s=10,
                color=INK,
                alpha=0.55,
                zorder=3,
                linewidths=0,
            )
    ax.set_xticks(pos, [_short(a) for a in order], rotation=30, ha="right")
    ax.set_ylim(-3, 103)
    ax.set_ylabel("score (%)")
    ax.grid(axis="y", color=GRID)
    _style(ax)
    return to_svg(fig)


def level_heatmap(matrix: pd.DataFrame, names: dict[str, str]) -> str:
    """Competency (rows, names written out) x trainee (columns) levels, coloured 1-4, hatched
    where not assessed. (No number in each cell: hundreds of text objects make matplotlib
    slow; the record and the CSV give the numbers.)"""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch, Rectangle

    grid = matrix.T  # competencies down the side: their names are long, so write them across
    rows, cols = grid.shape
    fig = _figure(0.26 * cols + 3.6, 0.26 * rows + 1.6)
    ax = fig.add_subplot()
    # not-assessed cells are transparent, showing a hatched background
    ax.add_patch(Rectangle((-0.5, -0.5), cols, rows, zorder=0, linewidth=0, **NOT_ASSESSED))
    cmap = ListedColormap([LEVEL_COLOURS[i] for i in (1, 2, 3, 4)]).with_extremes(bad=(0, 0, 0, 0))
    values = np.ma.masked_invalid(grid.to_numpy(dtype=float))
    ax.imshow(
        values,
        cmap=cmap,
        norm=BoundaryNorm([0.5, 1.5, 2.5, 3.5, 4.5], 4),
        aspect="equal",
        interpolation="nearest",
        zorder=1,
    )
    ax.set_yticks(range(rows), [_short(names.get(c, c), 56) for c in grid.index], fontsize=9)
    ax.set_xticks(range(cols), [_short(str(s), 14) for s in grid.columns], rotation=90, fontsize=9)
    ax.xaxis.tick_top()
    ax.set_xticks(np.arange(-0.5, cols), minor=True)
    ax.set_yticks(np.arange(-0.5, rows), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="both", length=0, colors=INK)
    handles = [Patch(color=LEVEL_COLOURS[k], label=w) for k, w in LEVEL_WORDS.items()]
    handles.append(Patch(label="not assessed yet", **NOT_ASSESSED))
    ax.legend(
        handles=handles,
        ncols=3,
        loc="upper left",
        bbox_to_anchor=(0.0, -0.01),
        frameon=False,
        fontsize=9,
    )
    for side in ax.spines.values():
        side.set_visible(False)
    return to_svg(fig)


def level_shares(matrix: pd.DataFrame, names: dict[str, str]) -> str:
    """For large cohorts: per competency, the share of trainees at each level."""
    counts = pd.DataFrame({lv: (matrix == lv).sum() for lv in (1, 2, 3, 4)})
    shares = 100 * counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0).fillna(0)
    fig = _figure(8.5, 0.32 * len(shares) + 1.2)
    ax = fig.add_subplot()
    y = np.arange(len(shares))[::-1]
    left = np.zeros(len(shares))
    for lv in (1, 2, 3, 4):
        ax.barh(
            y, shares[lv], left=left, color=LEVEL_COLOURS[lv], label=LEVEL_WORDS[lv], height=0.7
        )
        left = left + shares[lv].to_numpy()
    ax.set_yticks(y, [names.get(c, c) for c in shares.index], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of trainees assessed")
    ax.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=8.5)
    _style(ax)
    return to_svg(fig)


def harmful_chart(moments: pd.DataFrame) -> str:
    """One bar per decision point in ``moments`` (top row first, the order of the table): the
    trainees who reached it (light) and those who chose a potentially harmful response (red)."""
    r = moments.iloc[::-1]
    fig = _figure(8.5, 0.42 * max(len(r), 1) + 1.3)
    ax = fig.add_subplot()
    y = np.arange(len(r))
    labels = [
        f"{i}. {_short(t, 40)} · {n}"
        for i, t, n in zip(range(len(r), 0, -1), r["title"], r["node"], strict=True)
    ]
    ax.barh(y, r["reached"], color="#e4e8ee", height=0.62, label="reached this point")
    ax.barh(
        y,
        r["harmful"],
        color=LEVEL_COLOURS[1],
        height=0.62,
        label="chose a potentially harmful response",
    )
    for yi, h, n in zip(y, r["harmful"], r["reached"], strict=True):
        ax.text(
            n + 0.15, yi, f"{h} of {n} ({100 * h / n:.0f}%)", va="center", fontsize=8.5, color=INK
        )
    ax.set_yticks(y, [_short(x, 60) for x in labels], fontsize=8.5)
    ax.set_xlim(0, max(r["reached"].max(), 1) * 1.22)
    ax.set_xlabel("trainees")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(ncols=2, loc="lower left", bbox_to_anchor=(0.0, 1.0), frameon=False, fontsize=9)
    _style(ax)
    return to_svg(fig)


def progress_chart(progress: pd.DataFrame) -> str:
    """Each trainee's percent score over modules (thin lines), the cohort median (bold); the
    legend sits above the plot so it never covers a line."""
    return to_svg(progress_figure(progress))


def progress_figure(progress: pd.DataFrame) -> Any:
    """The figure :func:`progress_chart` draws."""
    from matplotlib.lines import Line2D

    fig = _figure(8.5, 3.7)
    ax = fig.add_subplot()
    x = np.arange(len(progress.columns))
    each = len(progress) <= 60
    if each:
        for _sid, row in progress.iterrows():
            ax.plot(
                x,
                row.to_numpy(dtype=float),
                color="#9aa5b1",
                linewidth=0.9,
                alpha=0.7,
                marker="o",
                markersize=2.5,
            )
    q1, q3 = progress.quantile(0.25), progress.quantile(0.75)
    band = ax.fill_between(
        x,
        q1.to_numpy(dtype=float),
        q3.to_numpy(dtype=float),
        color="#3b7dd8",
        alpha=0.15,
        label="middle half of trainees",
    )
    (median,) = ax.plot(
        x,
        progress.median().to_numpy(dtype=float),
        color="#1d4f91",
        linewidth=2.6,
        marker="o",
        label="cohort median",
    )
    handles = [median, band]
    if each:
        handles.append(
            Line2D(
                [],
                [],
                color="#9aa5b1",
                linewidth=0.9,
                marker="o",
                markersize=2.5,
                label="one trainee",
            )
        )
    ax.set_xticks(x, [_short(a) for a in progress.columns], rotation=30, ha="right")
    ax.set_ylim(-3, 103)
    ax.set_ylabel("score (%)")
    ax.grid(axis="y", color=GRID)
    ax.legend(
        handles=handles,
        ncols=3,
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        frameon=False,
        fontsize=9,
    )
    _style(ax)
    return fig


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
