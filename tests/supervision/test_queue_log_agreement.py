"""Review queue, supervision log and rater agreement (no course needed)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from paratrain.errors import InputError
from paratrain.supervision import agreement, queue, sessions
from paratrain.supervision.store import Store


def test_queue_assign_escalate_resolve(memory_store: Store) -> None:
    s = memory_store
    item = queue.add_item(
        s,
        "c",
        student="ben",
        assignment="a1",
        subject="harmful choice",
        by="lead",
        assignee="grace",
    )
    assert [i.id for i in queue.items(s, "c", assignee="grace")] == [item]
    with pytest.raises(InputError, match="a note saying why"):
        queue.escalate(s, "c", item, "lead", by="grace", note="")
    up = queue.escalate(s, "c", item, "lead", by="grace", note="possible duty to report")
    assert (up.state, up.assignee) == ("escalated", "lead")
    assert queue.items(s, "c", assignee="grace") == []
    with pytest.raises(InputError, match="needs a note"):
        queue.resolve(s, "c", item, by="lead", note=" ")
    done = queue.resolve(s, "c", item, by="lead", note="reported with the trainee")
    assert done.state == "resolved" and [e["action"] for e in done.events] == [
        "assigned",
        "escalated",
        "resolved",
    ]
    assert queue.items(s, "c") == [] and len(queue.items(s, "c", include_resolved=True)) == 1
    with pytest.raises(InputError, match="no queue item 99"):
        queue.assign(s, "c", 99, "x", by="y")


def test_sessions_count_hours_and_corrections(memory_store: Store) -> None:
    s = memory_store
    first = sessions.record_session(
        s,
        "c",
        sessions.Session("ana", "grace", "2026-02-02", 60, "group", ("boundaries",)),
        by="grace",
    )
    sessions.record_session(
        s, "c", sessions.Session("ana", "grace", "2026-02-09", 45), by="grace", replaces=None
    )
    fixed = sessions.record_session(
        s,
        "c",
        sessions.Session("ana", "grace", "2026-02-02", 90, "group", ("boundaries",)),
        by="grace",
        replaces=first,
    )
    sessions.void_session(s, "c", fixed, by="lead", note="entered twice")
    assert sorted(r["minutes"] for r in sessions.current_sessions(s, "c")) == [45]
    with pytest.raises(InputError, match="minutes: 0 is not between"):
        sessions.record_session(s, "c", sessions.Session("ana", "g", "2026-02-02", 0), by="g")


def test_sessions_csv_names_every_bad_row(memory_store: Store, tmp_path: Path) -> None:
    good = tmp_path / "ok.csv"
    good.write_text(
        "trainee,supervisor,date,minutes,format,topics\n"
        "ana,grace,2026-01-05,60,individual,safety plan; self-care\n"
        "ben,grace,2026-01-05,30,group,\n"
    )
    ids = sessions.import_sessions(memory_store, "c", good, by="grace")
    assert len(ids) == 2
    assert sessions.current_sessions(memory_store, "c")[0]["topics"] == ["safety plan", "self-care"]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "trainee,supervisor,date,minutes,format\n"
        "ana,grace,05/01/2026,60,individual\n,grace,2026-01-05,lots,group\n"
        "cy,grace,2026-01-05,30,coffee\n"
    )
    with pytest.raises(InputError) as err:
        sessions.import_sessions(memory_store, "c", bad, by="grace")
    text = str(err.value)
    assert "bad.csv" in text and "row 2, column date" in text
    assert "row 3, column minutes: 'lots'" in text and "row 4, column format" in text
    assert len(sessions.current_sessions(memory_store, "c")) == 2  # nothing imported
    (tmp_path / "nohead.csv").write_text("who,when\n")
    with pytest.raises(InputError, match="missing column"):
        sessions.import_sessions(memory_store, "c", tmp_path / "nohead.csv", by="g")


def test_icc_matches_shrout_and_fleiss() -> None:
    # Shrout & Fleiss (1979), Table 2: 6 targets, 4 judges; ICC(2,1) = 0.29.
    data = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    wide = pd.DataFrame(
        data, columns=list("ABCD"), index=pd.Index([f"t{i}" for i in range(6)], name="item")
    )
    icc, low, high, note = agreement._icc(wide)
    assert icc is not None and round(icc, 2) == 0.29 and note == ""
    assert low is not None and high is not None and low < icc < high


def _ratings(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["item", "rater", "competency", "level"])
    return df.assign(student=df["item"], assignment="a")


def test_agreement_kappa_disagreements_and_raters() -> None:
    a = [1, 2, 3, 4, 2, 3]
    b = [1, 2, 4, 4, 3, 3]
    rows = [
        (f"s{i}", r, "empathy", v)
        for r, vs in (("grace", a), ("omar", b))
        for i, v in enumerate(vs)
    ]
    rows += [("s0", "grace", "de-escalation", 1), ("s0", "omar", "de-escalation", 3)]
    res = {x.competency: x for x in agreement.agreement(_ratings(rows))}
    emp = res["empathy"]
    # quadratic-weighted kappa by its definition, for comparison
    n, k = len(a), 4
    w = [[(i - j) ** 2 / (k - 1) ** 2 for j in range(k)] for i in range(k)]
    obs = sum(w[x - 1][y - 1] for x, y in zip(a, b, strict=True)) / n
    exp = sum(w[i][j] * a.count(i + 1) * b.count(j + 1) for i in range(k) for j in range(k)) / n / n
    assert emp.kappa == pytest.approx(1 - obs / exp)
    assert emp.exact == pytest.approx(4 / 6) and emp.icc is not None
    assert res["de-escalation"].icc is None and "at least 3 items" in res["de-escalation"].note
    far = agreement.disagreements(_ratings(rows))
    assert list(far["competency"]) == ["de-escalation"]
    assert far.iloc[0]["why"] == "one rater saw harm, another did not"
    raters = agreement.rater_summary(_ratings(rows)).set_index("rater")
    assert raters.loc["omar", "vs_others"] > 0 > raters.loc["grace", "vs_others"]


def test_no_variation_is_explained_not_divided_by_zero() -> None:
    rows = [(f"s{i}", r, "empathy", 3) for r in ("grace", "omar") for i in range(4)]
    (res,) = agreement.agreement(_ratings(rows))
    assert res.icc is None and "every rating is the same" in res.note and res.exact == 1.0
