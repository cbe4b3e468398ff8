"""Readable, accessible HTML for search results and referrals (pure functions, no widgets).

Tables have a caption, column headers with ``scope="col"`` and row headers, so screen readers
announce each cell with its column and service. All text is escaped.
"""

from __future__ import annotations

import math
from html import escape

import pandas as pd

from .tracking import Referral, next_step

#: Search-result columns shown to trainees, with their headings, in order.
SHOWN: tuple[tuple[str, str], ...] = (
    ("service", "Service"),
    ("organization", "Organization"),
    ("category", "Helps with"),
    ("address", "Address"),
    ("phone", "Phone"),
    ("hours_today", "Hours that day"),
    ("open_now", "Open?"),
    ("languages", "Languages"),
    ("cost", "Cost"),
    ("eligibility", "Who it is for"),
    ("accessibility", "Access"),
    ("distance_km", "Distance"),
    ("why", "Why it is listed / what to check"),
)

_STYLE = "border-collapse:collapse;font-size:0.9em;text-align:left;vertical-align:top"
_CELL = "border:1px solid #999;padding:4px;vertical-align:top"


def _cell(column: str, value: object) -> str:
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    if column == "open_now":
        return "Hours not listed" if missing else ("Open" if value else "Closed")
    if column == "distance_km":
        return "" if missing or not isinstance(value, float) else f"{value:.1f} km"
    return "" if value is None else str(value)


def results_html(results: pd.DataFrame, *, caption: str = "Matching services") -> str:
    """Search results (from :func:`~paratrain.referral.search`) as an HTML table.

    Parameters
    ----------
    results:
        The DataFrame :func:`~paratrain.referral.search` returns.
    caption:
        Table caption, read out by screen readers.

    Returns
    -------
    str
        HTML; a short message instead of a table when there are no results.
    """
    if results.empty:
        return (
            "<p role='status'><strong>No services match.</strong> Try removing a filter, "
            "or search for a wider need.</p>"
        )
    shown = [(c, h) for c, h in SHOWN if c in results.columns]
    head = "".join(f"<th scope='col' style='{_CELL}'>{escape(h)}</th>" for _, h in shown)
    body = []
    for record in results.to_dict("records"):
        cells = []
        for i, (column, _) in enumerate(shown):
            text = escape(_cell(column, record[column]))
            tag = "th scope='row'" if i == 0 else "td"
            cells.append(f"<{tag} style='{_CELL}'>{text}</{tag.split()[0]}>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f"<table style='{_STYLE}'><caption style='text-align:left;font-weight:bold'>"
        f"{escape(caption)} ({len(results)})</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def referral_html(referral: Referral) -> str:
    """A referral's current status, its history and the suggested next step, as HTML.

    Parameters
    ----------
    referral:
        The referral.

    Returns
    -------
    str
    """
    rows = "".join(
        f"<tr><td style='{_CELL}'>{escape(f'{c.at:%Y-%m-%d %H:%M}')}</td>"
        f"<th scope='row' style='{_CELL}'>{escape(c.status.value)}</th>"
        f"<td style='{_CELL}'>{escape(c.by)}</td><td style='{_CELL}'>{escape(c.note)}</td></tr>"
        for c in referral.history
    )
    service = referral.service_name or referral.service_id
    final = " (final)" if referral.is_closed else ""
    return (
        f"<p><strong>{escape(referral.person)}</strong> referred to "
        f"<strong>{escape(service)}</strong>. Status: "
        f"<strong>{escape(referral.status.value)}</strong>{final}.</p>"
        f"<table style='{_STYLE}'><caption style='text-align:left;font-weight:bold'>History"
        f"</caption><thead><tr>"
        + "".join(
            f"<th scope='col' style='{_CELL}'>{h}</th>" for h in ("When", "Status", "By", "Note")
        )
        + f"</tr></thead><tbody>{rows}</tbody></table>"
        f"<p role='status'><strong>What to do next:</strong> "
        f"{escape(next_step(referral.status))}</p>"
    )
