"""HTML for the player and for static transcripts in graded and feedback notebooks.

Pure functions from model and state to HTML strings. The same pieces are used live in the
widget and as static output where widgets do not survive (nbgrader feedback HTML).
"""

from __future__ import annotations

from html import escape

from paratrain.competencies.framework import BY_ID as COMPETENCIES
from paratrain.competencies.levels import CompetencyLevel
from paratrain.scenarios import engine
from paratrain.scenarios.conditions import Value
from paratrain.scenarios.engine import State, Step
from paratrain.scenarios.model import Choice, Grade, Mode, Node, Outcome, Scenario

CSS = """
<style>
.pt-card{border:1px solid #c9d3dd;border-radius:10px;padding:12px 16px;margin:6px 0;
 background:#f7fafc;font-size:14px;line-height:1.5;color:#1a202c;max-width:860px}
.pt-card h3{margin:0 0 4px 0;font-size:17px;color:#1a365d}
.pt-meta{color:#4a5568;font-size:13px;margin-bottom:6px}
.pt-badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;
 margin-left:6px;background:#e2e8f0;color:#2d3748;font-weight:600}
.pt-badge.practice{background:#c6f6d5;color:#22543d}
.pt-badge.assessment{background:#fefcbf;color:#744210}
.pt-conv{max-width:860px;font-size:14.5px;line-height:1.5}
.pt-turn{margin:6px 0;display:flex}
.pt-turn.client{justify-content:flex-start}
.pt-turn.you{justify-content:flex-end}
.pt-bubble{padding:8px 12px;border-radius:12px;max-width:75%}
.pt-turn.client .pt-bubble{background:#edf2f7;color:#1a202c}
.pt-turn.you .pt-bubble{background:#2b6cb0;color:#fff}
.pt-who{font-size:11.5px;font-weight:700;opacity:.8;display:block}
.pt-narr{font-style:italic;color:#4a5568;margin:8px 2px}
.pt-fb{border-left:5px solid #a0aec0;background:#f7fafc;padding:8px 12px;margin:8px 0;
 max-width:860px;font-size:14px;line-height:1.5;color:#1a202c}
.pt-fb.harmful{border-color:#c53030;background:#fff5f5}
.pt-fb.helpful{border-color:#2f855a;background:#f0fff4}
.pt-fb .pt-tag{font-weight:700}
.pt-levels{border-collapse:collapse;margin:6px 0;font-size:13.5px}
.pt-levels td,.pt-levels th{border:1px solid #cbd5e0;padding:4px 8px;text-align:left}
.pt-l1{background:#fed7d7}.pt-l2{background:#fefcbf}.pt-l3{background:#c6f6d5}
.pt-l4{background:#9ae6b4}
.pt-notice{border:1px solid #d69e2e;background:#fffff0;padding:8px 12px;border-radius:8px;
 max-width:860px;color:#1a202c}
.pt-saved{color:#4a5568;font-size:12.5px}
.pt-choice button,.widget-button.pt-choice{white-space:normal !important;height:auto !important;
 text-align:left !important;padding:8px 12px !important;line-height:1.4 !important;
 min-height:36px}
.pt-prompt{font-weight:600;margin:10px 0 2px 0;color:#1a365d}
.pt-fb-region:focus{outline:2px solid #2b6cb0;outline-offset:2px}
.pt-turn.you.own .pt-bubble{background:#2c5282;border:2px dashed #90cdf4}
</style>
"""

GRADE_WORD = {
    Grade.HARMFUL: "potentially harmful",
    Grade.BASIC: "shows a basic skill",
    Grade.ADVANCED: "shows an advanced skill",
}
OUTCOME_WORD = {
    Outcome.GOOD: "a good outcome",
    Outcome.MIXED: "a mixed outcome",
    Outcome.POOR: "a poor outcome",
    Outcome.HIDDEN: "the end of the role-play",
}


def _p(text: str | None) -> str:
    return escape(text or "").replace("\n", "<br>")


def escape_text(text: str | None) -> str:
    """Text made safe for HTML, line breaks kept."""
    return _p(text)


def comp_name(comp_id: str) -> str:
    c = COMPETENCIES.get(comp_id)
    return c.name if c else comp_id


def persona_card(s: Scenario) -> str:
    p = s.persona
    meta = [str(p.age), p.pronouns] + ([p.language] if p.language else [])
    mode = s.mode.value
    setting = f"<div><b>Setting:</b> {_p(s.setting)}</div>" if s.setting else ""
    return (
        f'<div class="pt-card" role="region" aria-label="Persona card: {escape(p.name)}">'
        f'<h3>{escape(s.title)}<span class="pt-badge {mode}">{mode}</span>'
        f'<span class="pt-badge">fictional person</span></h3>'
        f'<div class="pt-meta"><b>{escape(p.name)}</b> · {escape(" · ".join(meta))}</div>'
        f"<div><b>Background:</b> {_p(p.background)}</div>"
        f"<div><b>Situation:</b> {_p(p.situation)}</div>"
        f"<div><b>What brought them here:</b> {_p(p.reason)}</div>{setting}</div>"
    )


def _node_html(s: Scenario, node: Node, env: dict[str, Value], name: str) -> str:
    narration, client, _ = engine.line(s, node, env)
    out = ""
    if narration:
        out += f'<div class="pt-narr">{_p(narration)}</div>'
    if client:
        out += (
            f'<div class="pt-turn client"><div class="pt-bubble"><span class="pt-who">'
            f"{escape(name)}</span>{_p(client)}</div></div>"
        )
    return out


def _you_html(text: str, *, own_words: bool = False) -> str:
    who = "You (in your own words)" if own_words else "You"
    cls = " own" if own_words else ""
    return (
        f'<div class="pt-turn you{cls}"><div class="pt-bubble"><span class="pt-who">'
        f"{who}</span>{_p(text)}</div></div>"
    )


def step_text(s: Scenario, step: Step) -> str:
    """What the trainee said at a step: the choice's text or their own reply."""
    if step.choice is None:
        return step.reply or ""
    return s.node(step.node).choice_by_id[step.choice].text


def reply_box(node: Node, *, graded: bool) -> str:
    """Under a free-text reply: the rubric trainees may see, or the practice feedback."""
    r = node.reply
    if r is None:
        return ""
    if not graded:
        return (
            (
                f'<div class="pt-fb" role="status"><span class="pt-tag">What a strong reply '
                f"does.</span> {_p(r.feedback)}</div>"
            )
            if r.feedback
            else ""
        )
    crit = "".join(f"<li>{escape(c.criterion)} ({c.points:g})</li>" for c in r.rubric)
    return (
        f'<div class="pt-fb"><span class="pt-tag">Your own words are graded by your '
        f"supervisor ({r.points:g} point{'' if r.points == 1 else 's'}).</span>"
        + (f"<ul style='margin:4px 0 0 18px;padding:0'>{crit}</ul>" if crit else "")
        + "</div>"
    )


def conversation(s: Scenario, state: State, *, with_feedback: bool = False) -> str:
    """The conversation so far: each visited node (as its variables made it) and the
    trainee's reply."""
    name = s.persona.label
    parts = ['<div class="pt-conv" role="log" aria-label="Conversation so far">']
    for node, env, step in engine.walk(s, state):
        parts.append(_node_html(s, node, env, name))
        if step is None:
            continue
        if step.choice is None:
            parts.append(_you_html(step.reply or "", own_words=True))
            if with_feedback:
                parts.append(reply_box(node, graded=s.mode is Mode.ASSESSMENT))
            continue
        choice = node.choice_by_id[step.choice]
        parts.append(_you_html(choice.text))
        if with_feedback:
            parts.append(feedback_box(choice))
    parts.append("</div>")
    return "".join(parts)


def feedback_box(choice: Choice) -> str:
    """Feedback on one choice: what it does and which competencies it shows or harms."""
    harmful = choice.is_harmful
    helpful = not harmful and any(g is not Grade.HARMFUL for g in choice.evidence.values())
    cls = "harmful" if harmful else ("helpful" if helpful else "")
    tag = "Potentially harmful" if harmful else "Helpful" if helpful else "Feedback"
    comps = "".join(
        f"<li>{escape(comp_name(c))}: {GRADE_WORD[g]}</li>" for c, g in choice.evidence.items()
    )
    comps_html = f"<ul style='margin:4px 0 0 18px;padding:0'>{comps}</ul>" if comps else ""
    return (
        f'<div class="pt-fb {cls}" role="status" aria-live="polite"><span class="pt-tag">'
        f"{tag}.</span> {_p(choice.feedback)}{comps_html}</div>"
    )


def levels_table(levels: dict[str, CompetencyLevel]) -> str:
    if not levels:
        return "<p>No competencies were assessed on this path.</p>"
    rows = "".join(
        f'<tr class="pt-l{lv.level}"><td>{escape(comp_name(c))}</td><td>{lv.level}</td>'
        f"<td>{escape(lv.name)}</td></tr>"
        for c, lv in levels.items()
    )
    return (
        '<table class="pt-levels"><thead><tr><th>Competency</th><th>Level</th>'
        f"<th>Meaning</th></tr></thead><tbody>{rows}</tbody></table>"
    )


GATING = (
    "<p class='pt-gating'><b>Why level 1?</b> One potentially harmful response puts "
    "that skill at level 1 for the whole conversation, even when you recovered well "
    "afterwards: with a real person the harm is already done, so the rating (as in "
    "ENACT) counts it first. Practise that moment until the helpful response comes "
    "first.</p>"
)


def to_practise(levels: dict[str, CompetencyLevel]) -> str:
    items = []
    for c, lv in levels.items():
        comp = COMPETENCIES.get(c)
        if comp is None or lv.level >= 3:
            continue
        tips = "; ".join(comp.basic)
        items.append(f"<li><b>{escape(comp.name)}</b>: {escape(tips)}.</li>")
    if not items:
        return (
            "<p>You showed every skill this role-play looks for. Try another path to see "
            "how the conversation changes.</p>"
        )
    return "<p><b>What to practise next:</b></p><ul>" + "".join(items) + "</ul>"


def path_list(s: Scenario, steps: tuple[Step, ...]) -> str:
    items = "".join(f"<li>{escape(step_text(s, st))}</li>" for st in steps)
    return f"<ol>{items}</ol>"


def summary(
    s: Scenario, state: State, levels: dict[str, CompetencyLevel], harmful_tried: list[Step]
) -> str:
    """After-action summary (practice mode): outcome, path, levels, what to practise."""
    node = s.node(state.node)
    outcome = OUTCOME_WORD[node.end or Outcome.HIDDEN]
    debrief = engine.line(s, node, state.env)[2]
    undone = [st for st in harmful_tried if st not in state.path]
    undone_html = ""
    if undone:
        undone_html = (
            "<p><b>Responses you tried and stepped back from that could cause "
            "harm:</b></p>" + path_list(s, tuple(undone))
        )
    return (
        f'<div class="pt-card" role="region" aria-label="After-action summary">'
        f"<h3>After-action summary</h3><p>This conversation reached {outcome}. "
        f"{_p(debrief)}</p><p><b>The path you took:</b></p>{path_list(s, state.path)}"
        f"<p><b>Competency levels on this path</b> (1 = potentially harmful, 4 = basic and "
        f"advanced skills):</p>{levels_table(levels)}"
        f"{GATING if any(lv.level == 1 for lv in levels.values()) else ''}"
        f"{undone_html}{to_practise(levels)}</div>"
    )


def assessment_done() -> str:
    return (
        '<div class="pt-card" role="status"><h3>Role-play complete</h3><p>Your responses '
        "are saved. You will see feedback after your supervisor grades this assignment. "
        "Remember to submit the assignment.</p></div>"
    )


def notice(text: str) -> str:
    return f'<div class="pt-notice" role="alert">{_p(text)}</div>'


def static_transcript(
    s: Scenario,
    state: State,
    *,
    score: float,
    points: float,
    levels: dict[str, CompetencyLevel],
    harmful_tried: list[Step],
) -> str:
    """The whole role-play as static HTML for graded and feedback notebooks."""
    mode_note = "" if s.mode is Mode.ASSESSMENT else " (practice)"
    node = s.node(state.node)
    end = (
        f"<p><b>Ending:</b> {OUTCOME_WORD[node.end]}. {_p(engine.line(s, node, state.env)[2])}</p>"
        if node.end
        else "<p><b>The role-play was not finished.</b></p>"
    )
    undone = [st for st in harmful_tried if st not in state.path]
    undone_html = ""
    if undone:
        undone_html = "<p><b>Harmful responses tried, then undone:</b></p>" + path_list(
            s, tuple(undone)
        )
    return (
        CSS
        + persona_card(s)
        + f"<div class='pt-card'><h3>Transcript{mode_note}</h3>"
        + conversation(s, state, with_feedback=True)
        + end
        + f"<p><b>Score:</b> {score:g} of {points:g} points.</p>"
        + levels_table(levels)
        + undone_html
        + "</div>"
    )
