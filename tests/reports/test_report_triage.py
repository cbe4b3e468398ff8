"""What the cohort report puts in front of a supervisor, on the fictional cohort made in memory:
everything escaped, open flags grouped by trainee (most safety flags first, collapsible), the
median card saying how much manual grading is pending, hard moments ranked by count among
points enough trainees reached (the chart and the table the same rows), a legend for
not-assessed cells, and a progress legend clear of the lines."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd

from paratrain.reports import frames, plots
from paratrain.reports.cohort import render_cohort
from paratrain.reports.inputs import CohortInputs
from tests.reports.synthetic import cohort


def section(html: str, anchor: str) -> str:
    return html.split(f'<section id="{anchor}">')[1].split("</section>")[0]


def test_names_answers_and_reasons_are_escaped() -> None:
    inp = cohort()
    students = inp.gradebook.students.copy()
    students.loc[0, "first_name"] = '<script>alert("x")</script>'
    flags = inp.flags.copy()
    flags.loc[0, "reason"] = 'chose "<img src=x onerror=alert(1)>"'
    gb = dataclasses.replace(inp.gradebook, students=students)
    html = render_cohort(dataclasses.replace(inp, gradebook=gb, flags=flags, memo={}))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_open_flags_are_grouped_by_trainee_most_safety_flags_first() -> None:
    inp = cohort()
    html = section(render_cohort(inp), "flags")
    open_flags = inp.flags[inp.flags["status"] == "open"]
    groups = re.findall(r'<details class="fg[^"]*">\s*<summary><span class="who">([^<]+)<', html)
    assert len(groups) == open_flags["student"].nunique()
    safety = open_flags[open_flags["severity"] == 1].groupby("student").size()
    counts = [int(safety.get(re.search(r"\((\w+)\)", g).group(1), 0)) for g in groups]  # type: ignore[union-attr]
    assert counts == sorted(counts, reverse=True) and counts[0] == safety.max()
    assert html.count("<details") == html.count("<table")  # every flag row inside a group
    assert " open>" not in html  # all collapsed
    assert f"{len(open_flags)} open flags for {len(groups)} trainees" in html


def test_median_card_says_manual_grading_is_pending() -> None:
    inp = cohort()
    pending = int(inp.gradebook.grades["needs_manual_grade"].sum())
    assert pending
    tiles = render_cohort(inp).split('<div class="tiles">')[1].split("</div>\n</div>")[0]
    assert "median score so far" in tiles
    assert f"manual grading pending for {pending} answers" in tiles
    graded = inp.gradebook.grades.assign(needs_manual_grade=False)
    done = dataclasses.replace(
        inp, gradebook=dataclasses.replace(inp.gradebook, grades=graded), memo={}
    )
    assert "pending" not in render_cohort(done).split('<div class="tiles">')[1][:2000]


def _with_rare_point(inp: CohortInputs) -> CohortInputs:
    """Add a decision point only two trainees reached, both choosing harm (a 100% rate)."""
    rare = pd.DataFrame(
        [
            (n, "m01-role", "rare", "A rare branch", 3, "rare-node", "Hm?", "bad", "bad", True)
            for n in ("amara", "bao")
        ],
        columns=inp.steps.columns,
    )
    return dataclasses.replace(inp, steps=pd.concat([inp.steps, rare], ignore_index=True), memo={})


def test_hard_moments_rank_by_count_among_points_enough_trainees_reached() -> None:
    inp = _with_rare_point(cohort())
    assert frames.min_reached(inp) == 3
    rates = frames.harmful_rates(inp).set_index("node")
    assert rates.loc["rare-node", "rate"] == 1.0 == rates["rate"].max()  # the highest rate
    moments = frames.hard_moments(inp)
    assert "rare-node" not in set(moments["node"])  # 2 of 2 is not a pattern
    assert (moments["reached"] >= 3).all()
    assert list(moments["harmful"]) == sorted(moments["harmful"], reverse=True)
    html = section(render_cohort(inp), "moments")
    rows = re.findall(r'<tr><td class="num">(\d+)</td><td class="">([^<]+)</td>', html)
    assert [int(r) for r, _t in rows] == list(range(1, len(moments) + 1))
    assert [t for _r, t in rows] == list(moments["title"])
    svg = html.split("<svg")[1]
    labels = re.findall(r">(\d+)\. ([^<]+?) · ([^<]+)</text>", svg)
    assert sorted(int(n) for n, _t, _node in labels) == list(range(1, len(moments) + 1))
    by_number = {int(n): node for n, _t, node in labels}
    assert [by_number[i + 1] for i in range(len(moments))] == list(moments["node"])


def test_heatmap_legend_names_not_assessed_cells() -> None:
    inp = cohort()
    m = frames.level_matrix(inp)
    assert m.isna().any().any()  # the fictional cohort has cells not assessed
    svg = plots.level_heatmap(m, {})
    assert "not assessed yet" in svg and "1 potentially harmful" in svg
    assert "<pattern" in svg  # the hatching of not-assessed cells and of their legend key


def test_progress_legend_sits_above_the_lines() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = plots.progress_figure(frames.progress(cohort()))
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    legend = ax.get_legend().get_window_extent(renderer)
    assert legend.y0 >= ax.get_window_extent(renderer).y1 - 1
