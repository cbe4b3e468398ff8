"""HTML for the review notebook: flags, role-play transcripts with feedback, written answers
with their rubric, competency levels, sign-off criteria, histories. Pure functions."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.competencies.levels import LEVEL_NAMES
from paratrain.scenarios.render import CSS as PLAYER_CSS
from paratrain.supervision.flags import SEVERITY_WORD, FlagView
from paratrain.supervision.reviews import ModuleStatus
from paratrain.supervision.rubrics import Rubric
from paratrain.supervision.submissions import RoleplayRecord, StepView, Submission

CSS = (
    PLAYER_CSS
    + """<style>
.sv{font-size:14px;line-height:1.45;color:#1a202c;max-width:980px}
.sv h3{margin:10px 0 4px;color:#1a365d;font-size:16px}
.sv-flag{border-left:5px solid #a0aec0;background:#f7fafc;padding:6px 10px;margin:5px 0}
.sv-flag.s1{border-color:#c53030;background:#fff5f5}.sv-flag.s2{border-color:#dd6b20;
 background:#fffaf0}.sv-flag .id{font-weight:700;color:#4a5568;margin-right:6px}
.sv-tag{display:inline-block;border-radius:9px;padding:0 7px;font-size:11.5px;
 font-weight:700;background:#e2e8f0;margin-right:6px}
.sv-tag.s1{background:#fed7d7;color:#9b2c2c}.sv-tag.s2{background:#feebc8;color:#9c4221}
.sv-answer{white-space:pre-wrap;background:#fff;border:1px solid #cbd5e0;border-radius:6px;
 padding:8px 12px;margin:4px 0}
.sv-rubric td,.sv-rubric th{border:1px solid #cbd5e0;padding:3px 8px;text-align:left;
 vertical-align:top}.sv-rubric{border-collapse:collapse;margin:4px 0}
.sv-note{color:#744210;background:#fffff0;font-size:12.5px}
.sv-crit{list-style:none;padding-left:0}.sv-crit li{margin:2px 0}
.sv-muted{color:#718096;font-size:12.5px}
.sv-lv{display:inline-block;min-width:20px;text-align:center;border-radius:4px;
 font-weight:700;padding:0 4px}
.sv-lv1{background:#c0392b;color:#fff}.sv-lv2{background:#f3c46b}.sv-lv3{background:#9ecae1}
.sv-lv4{background:#2166ac;color:#fff}
</style>"""
)


def _p(text: str) -> str:
    return escape(text or "").replace("\n", "<br>")


def level_badge(level: int | None) -> str:
    if level is None:
        return '<span class="sv-muted">–</span>'
    return f'<span class="sv-lv sv-lv{level}" title="{escape(LEVEL_NAMES[level])}">{level}</span>'


def comp_name(comp: str) -> str:
    c = COMPETENCIES.get(comp)
    return c.name if c else comp


def flags_html(views: Iterable[FlagView]) -> str:
    items = []
    for v in views:
        f = v.flag
        sev = f.severity
        done = v.resolution
        tail = (
            f'<div class="sv-muted">Resolved by {escape(done["actor"])}: '
            f"{escape(done['note'])}</div>"
            if done
            else ""
        )
        items.append(
            f'<div class="sv-flag s{sev}"><span class="id">#{v.id}</span>'
            f'<span class="sv-tag s{sev}">{escape(SEVERITY_WORD[sev])}</span>'
            f'<span class="sv-tag">{escape(f.kind)}</span>{_p(f.reason)}{tail}</div>'
        )
    if not items:
        return '<p class="sv-muted">No open flags for this selection.</p>'
    return "".join(items)


def _step(step: StepView, name: str) -> str:
    out = ""
    if step.narration:
        out += f'<div class="pt-narr">{_p(step.narration)}</div>'
    if step.client:
        out += (
            f'<div class="pt-turn client"><div class="pt-bubble"><span class="pt-who">'
            f"{escape(name)}</span>{_p(step.client)}</div></div>"
        )
    out += (
        f'<div class="pt-turn you"><div class="pt-bubble"><span class="pt-who">Trainee · '
        f"decision {step.number}</span>{_p(step.text)}</div></div>"
    )
    helpful = not step.harmful and any(g != "harmful" for g in step.evidence.values())
    cls = "harmful" if step.harmful else ("helpful" if helpful else "")
    tag = "Potentially harmful" if step.harmful else ("Helpful" if helpful else "Feedback")
    comps = "".join(
        f"<li>{escape(comp_name(c))}: {escape(g)}</li>" for c, g in step.evidence.items()
    )
    comps_html = f"<ul style='margin:4px 0 0 18px;padding:0'>{comps}</ul>" if comps else ""
    return out + (
        f'<div class="pt-fb {cls}"><span class="pt-tag">{tag}.</span> '
        f"{_p(step.feedback)}{comps_html}</div>"
    )


def roleplay_html(rp: RoleplayRecord) -> str:
    head = f"<h3>{escape(rp.title)} <span class='sv-muted'>({escape(rp.scenario_id)})</span></h3>"
    if rp.problem:
        return head + (
            f'<div class="pt-notice">This role-play could not be read as played '
            f"({escape(rp.problem)}): {escape(rp.detail)}</div>"
        )
    body = "".join(_step(s, "Client") for s in rp.steps)
    if rp.undone_harmful:
        body += (
            "<p><b>Harmful responses tried, then stepped back from:</b></p><ul>"
            + "".join(f"<li>{escape(s.text)}</li>" for s in rp.undone_harmful)
            + "</ul>"
        )
    end = "" if rp.finished else "<p><b>The role-play was not finished.</b></p>"
    return head + f'<div class="pt-conv">{body}</div>{end}'


def roleplays_html(sub: Submission) -> str:
    if not sub.submitted:
        return '<p class="sv-muted">Nothing was submitted for this assignment.</p>'
    if not sub.roleplays:
        return '<p class="sv-muted">This assignment has no graded role-play.</p>'
    return "".join(roleplay_html(r) for r in sub.roleplays)


def rubric_html(rubric: Rubric) -> str:
    rows = "".join(
        f"<tr><td><b>{escape(c.id)}</b></td><td>{escape(c.criterion)}"
        + (f'<div class="sv-note">Supervisor note: {escape(c.note)}</div>' if c.note else "")
        + f"</td><td>{c.points:g}</td></tr>"
        for c in rubric.rubric
    )
    return (
        f'<table class="sv-rubric"><tr><th>Criterion</th><th>What earns the points</th>'
        f"<th>Points</th></tr>{rows}</table>"
    )


def answer_html(grade_id: str, prompt: str, text: str, score: dict[str, Any] | None) -> str:
    done = ""
    if score:
        done = (
            f'<div class="sv-muted">Scored {score["total"]:g} of {score["max_total"]:g} by '
            f"{escape(score['reviewer'])} ({score['created_at']:%Y-%m-%d %H:%M}, rubric "
            f"{escape(score['rubric_version'])}, {escape(score['reason'])})</div>"
        )
    shown = _p(text) if text.strip() else '<span class="sv-muted">(no answer written)</span>'
    first = prompt.split("\n\n")[0]
    return (
        f"<h3>{escape(grade_id)}</h3><div class='sv-muted'>{_p(first)}</div>"
        f'<div class="sv-answer">{shown}</div>{done}'
    )


def levels_html(sub: Submission, ratings: dict[str, dict[str, Any]]) -> str:
    rows = []
    for comp, lv in sub.levels.items():
        r = ratings.get(comp)
        rated = (
            (
                f"{level_badge(r['level'])} by {escape(r['reviewer'])}"
                + (f" · {escape(r['comment'])}" if r["comment"] else "")
            )
            if r
            else '<span class="sv-muted">not yet confirmed</span>'
        )
        where = ", ".join(lv.harmful_at) if lv.harmful_at else ""
        rows.append(
            f"<tr><td>{escape(comp_name(comp))}</td><td>{level_badge(lv.level)} "
            f"{escape(lv.name)}</td><td>{rated}</td><td class='sv-muted'>"
            f"{escape(where)}</td></tr>"
        )
    if not rows:
        return '<p class="sv-muted">No competency was assessed in this submission.</p>'
    return (
        '<table class="sv-rubric"><tr><th>Competency</th><th>Computed</th>'
        "<th>Supervisor</th><th>Harmful at</th></tr>" + "".join(rows) + "</table>"
    )


def status_html(status: ModuleStatus) -> str:
    items = "".join(
        f"<li>{'✅' if c.met else '⬜'} {escape(c.name)}"
        + (f" <span class='sv-muted'>({escape(c.detail)})</span>" if c.detail else "")
        + "</li>"
        for c in status.criteria
    )
    signed = status.signed_off
    head = (
        f"<p><b>Signed off</b> by {escape(signed['reviewer'])} on "
        f"{signed['created_at']:%Y-%m-%d}.</p>"
        if signed
        else "<p><b>Ready to sign off.</b></p>"
        if status.ready
        else "<p><b>Not ready to sign off yet.</b> What is still open:</p>"
    )
    return head + f'<ul class="sv-crit">{items}</ul>'


def history_html(rows: Iterable[dict[str, Any]], what: str) -> str:
    items = []
    for r in rows:
        when = f"{r['created_at']:%Y-%m-%d %H:%M}"
        if what == "rating":
            line = (
                f"{escape(comp_name(r['competency']))}: {level_badge(r['level'])} "
                f"(computed {r['computed_level'] or '–'}) by {escape(r['reviewer'])}"
                + (f" · {escape(r['comment'])}" if r["comment"] else "")
            )
        elif what == "signoff":
            line = f"{escape(r['decision'])} by {escape(r['reviewer'])} · {escape(r['comment'])}"
        else:
            line = (
                f"{escape(r['grade_id'])}: {r['total']:g}/{r['max_total']:g} by "
                f"{escape(r['reviewer'])} ({escape(r['reason'])})"
            )
        items.append(f"<li><span class='sv-muted'>{when}</span> {line}</li>")
    return "<ul>" + "".join(items) + "</ul>" if items else '<p class="sv-muted">No entries yet.</p>'
