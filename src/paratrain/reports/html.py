"""The HTML page every report uses: one self-contained file (inline CSS and SVG, no scripts,
no web fonts, nothing fetched), readable on screen and printable."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

import pandas as pd

CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:"DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
 color:#243447;background:#f4f6f9;font-size:14.5px;line-height:1.45}
header.top{background:#1d3557;color:#fff;padding:22px 40px 18px}
header.top .in{max-width:1040px;margin:0 auto}
header.top h1{margin:0;font-size:25px;font-weight:700;letter-spacing:.2px}
header.top .sub{opacity:.85;margin-top:4px;font-size:14px}
main{max-width:1120px;margin:0 auto;padding:22px 40px 48px}
nav.toc{margin:14px 0 0;font-size:13px}
nav.toc a{color:#cfe0ff;margin-right:16px;text-decoration:none}
section{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:18px 22px;
 margin:18px 0;break-inside:avoid}
section h2{margin:0 0 4px;font-size:19px;color:#1d3557}
section .lead{margin:0 0 12px;color:#52606d;font-size:13.5px}
.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;
 margin:4px 0 6px}
.tile{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:12px 14px}
.tile .n{font-size:26px;font-weight:700;color:#1d3557}
.tile .l{font-size:12.5px;color:#52606d}
.tile.alert{border-color:#d64545;background:#fff5f5}.tile.alert .n{color:#b42318}
.tile.ok .n{color:#2f7a4d}
table.t{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
table.t th{text-align:left;background:#eef2f7;color:#243447;font-weight:600;padding:6px 8px;
 border-bottom:1px solid #cfd8e3}
table.t td{padding:5px 8px;border-bottom:1px solid #edf0f4;vertical-align:top}
table.t td.num,table.t th.num{text-align:right;font-variant-numeric:tabular-nums}
.lv{display:inline-block;min-width:22px;text-align:center;border-radius:4px;padding:0 5px;
 font-weight:700}
.lv1{background:#c0392b;color:#fff}.lv2{background:#f3c46b}.lv3{background:#9ecae1}
.lv4{background:#2166ac;color:#fff}
.sev{display:inline-block;border-radius:10px;padding:1px 8px;font-size:11.5px;font-weight:700}
.sev1{background:#fde2e2;color:#b42318}.sev2{background:#fdebd0;color:#a15c07}
.sev3{background:#e8eefc;color:#1d4f91}.sev4{background:#eef0f3;color:#52606d}
.chart{margin:6px 0 2px;overflow-x:auto}.chart svg{max-width:100%;height:auto}
.muted{color:#7b8794}.empty{color:#7b8794;font-style:italic}
details summary{cursor:pointer;color:#1d4f91;margin:6px 0}
footer{color:#7b8794;font-size:12px;text-align:center;margin-top:26px}
@media print{body{background:#fff}section{border:none;padding:8px 0}header.top{padding:10px}}
"""

Fmt = Callable[[Any], str]


def page(title: str, subtitle: str, body: str, *, toc: Sequence[tuple[str, str]] = ()) -> str:
    nav = ""
    if toc:
        nav = '<nav class="toc">' + "".join(
            f'<a href="#{escape(a)}">{escape(t)}</a>' for a, t in toc) + "</nav>"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
            f'<header class="top"><div class="in"><h1>{escape(title)}</h1>'
            f'<div class="sub">{escape(subtitle)}</div>{nav}</div></header>'
            f"<main>{body}<footer>Made by paratrain from the nbgrader gradebook, the "
            "supervision store and the submitted role-plays. Every person in the training "
            "material is fictional.</footer></main></body></html>\n")


def section(anchor: str, title: str, lead: str, content: str) -> str:
    return (f'<section id="{escape(anchor)}"><h2>{escape(title)}</h2>'
            f'<p class="lead">{escape(lead)}</p>{content}</section>')


def tiles(items: Sequence[tuple[str, str, str]]) -> str:
    """(number, label, kind) with kind '' / 'alert' / 'ok'."""
    return '<div class="tiles">' + "".join(
        f'<div class="tile {k}"><div class="n">{escape(n)}</div><div class="l">{escape(lbl)}'
        f"</div></div>" for n, lbl, k in items) + "</div>"


def chart(svg: str, alt: str) -> str:
    return f'<div class="chart" role="img" aria-label="{escape(alt)}">{svg}</div>'


def level(v: Any) -> str:
    if v is None or v != v:
        return '<span class="muted">–</span>'
    return f'<span class="lv lv{int(v)}">{int(v)}</span>'


def severity(v: int) -> str:
    from paratrain.supervision.flags import SEVERITY_WORD

    return f'<span class="sev sev{v}">{escape(SEVERITY_WORD.get(v, str(v)))}</span>'


def number(v: Any, digits: int = 1) -> str:
    if v is None or v != v:
        return '<span class="muted">–</span>'
    return f"{v:,.{digits}f}".rstrip("0").rstrip(".") if isinstance(v, float) else f"{v:,}"


def table(df: pd.DataFrame, columns: Sequence[tuple[str, str]], *,
          fmt: dict[str, Fmt] | None = None, numeric: Sequence[str] = (),
          empty: str = "Nothing to show.", limit: int | None = None) -> str:
    """An HTML table of ``df``: (column, heading) pairs; ``fmt`` returns HTML for a value."""
    if df.empty:
        return f'<p class="empty">{escape(empty)}</p>'
    fmt = fmt or {}
    shown = df if limit is None else df.head(limit)
    head = "".join(f'<th class="{"num" if c in numeric else ""}">{escape(h)}</th>'
                   for c, h in columns)
    rows = []
    for rec in shown.to_dict("records"):
        cells = []
        for c, _h in columns:
            v = rec.get(c)
            html = fmt[c](v) if c in fmt else (number(v) if c in numeric else
                                               escape("" if v is None or v != v else str(v)))
            cells.append(f'<td class="{"num" if c in numeric else ""}">{html}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = ""
    if limit is not None and len(df) > limit:
        more = f'<p class="muted">…and {len(df) - limit:,} more (see the CSV exports).</p>'
    return f'<table class="t"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}' \
           f"</tbody></table>{more}"
