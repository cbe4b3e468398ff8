"""The HTML every report uses: jinja2 templates (autoescape on) shipped in
``paratrain/reports/templates``, filled from plain data built here and in the section modules.

One self-contained file per report (inline CSS and SVG, no scripts, no web fonts, nothing
fetched), readable on screen and printable. Values reach the page only through the templates, so
every trainee name, answer and flag reason is escaped; the only markup passed in as-is is the
SVG that :mod:`paratrain.reports.plots` draws (matplotlib escapes the text it writes into it).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, ClassVar

import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from paratrain.supervision.flags import SEVERITY_WORD

# How a table cell is shown (the ``table`` macro in templates/macros.html.j2 draws each kind):
# text as is; num right-aligned with thousands separators; level and severity as badges;
# date and datetime formatted; list joined with commas.
KINDS = ("text", "num", "level", "severity", "date", "datetime", "list")


@functools.cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("paratrain.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@functools.cache
def _css() -> str:
    return (files("paratrain.reports") / "templates" / "report.css").read_text("utf-8")


CSS = _css()


def render(template: str, **context: Any) -> str:
    """Render ``templates/<template>`` with ``context`` (the report CSS is always there)."""
    return environment().get_template(template).render(css=Markup(CSS), **context)


def macro(template: str, name: str, *args: Any, **kwargs: Any) -> str:
    """Call the macro ``name`` of ``templates/<template>`` (small pieces for the notebook
    tools, rendered on their own)."""
    module = environment().get_template(template).make_module({"css": Markup(CSS)})
    return str(getattr(module, name)(*args, **kwargs))


def svg(text: str) -> Markup:
    """An SVG drawn by :mod:`paratrain.reports.plots`, to embed as markup."""
    return Markup(text)


@dataclass(frozen=True)
class Tile:
    value: str
    label: str
    kind: str = ""  # "" / "alert" / "ok" / "pending"
    note: str = ""


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: str = "text"


# The blocks a section is made of; ``block`` names the macro in templates/macros.html.j2
# that draws it.


@dataclass(frozen=True)
class Table:
    """A table ready for the ``table`` macro: formatted cells, and how many rows were cut."""

    columns: tuple[Column, ...]
    rows: list[list[Any]]
    empty: str = "Nothing to show."
    more: int = 0
    more_note: str = "see the CSV exports"
    block: ClassVar[str] = "table"


@dataclass(frozen=True)
class Chart:
    svg: Markup
    alt: str
    block: ClassVar[str] = "chart"


@dataclass(frozen=True)
class Text:
    text: str
    tag: str = "p"  # "p", "h3", or "empty" (a paragraph saying there is nothing)
    block: ClassVar[str] = "text"


@dataclass(frozen=True)
class Counts:
    """A line of counts: ``(number, label)`` pairs, and an optional ending sentence."""

    items: tuple[tuple[int, str], ...]
    total: str = ""
    block: ClassVar[str] = "counts"


@dataclass(frozen=True)
class Section:
    """One section of a report page: a heading, a lead sentence and its blocks in order."""

    anchor: str
    title: str
    lead: str
    blocks: Sequence[Any] = ()


def missing(v: Any) -> bool:
    return v is None or (not isinstance(v, (str, list, tuple)) and bool(pd.isna(v)))


def number(v: Any, digits: int = 1) -> str | None:
    if missing(v):
        return None
    if isinstance(v, float):
        return f"{v:,.{digits}f}".rstrip("0").rstrip(".")
    return f"{v:,}"


def cell(kind: str, v: Any) -> Any:
    """A value as the ``table`` macro expects it for a column of ``kind`` (None: empty)."""
    if kind == "list":
        return ", ".join(v) if isinstance(v, (list, tuple)) else (None if missing(v) else str(v))
    if missing(v):
        return None
    if kind == "num":
        return number(v)
    if kind == "level":
        return int(v)
    if kind == "severity":
        return {"n": int(v), "word": SEVERITY_WORD.get(int(v), str(v))}
    if kind in ("date", "datetime"):
        fmt = "%Y-%m-%d" if kind == "date" else "%Y-%m-%d %H:%M"
        return v.strftime(fmt) if hasattr(v, "strftime") else str(v)
    return str(v)


def make_table(
    df: pd.DataFrame,
    columns: Sequence[tuple[str, str] | tuple[str, str, str]],
    *,
    empty: str = "Nothing to show.",
    limit: int | None = None,
) -> Table:
    """Rows of ``df`` for the given (column, heading[, kind]) triples, at most ``limit``."""
    cols = tuple(Column(*c) for c in columns)
    for c in cols:
        if c.kind not in KINDS:
            raise ValueError(f"unknown column kind {c.kind!r} for {c.key!r}")
    shown = df if limit is None else df.head(limit)
    rows = [[cell(c.kind, rec.get(c.key)) for c in cols] for rec in shown.to_dict("records")]
    more = len(df) - limit if limit is not None and len(df) > limit else 0
    return Table(cols, rows, empty, more)


def table(
    df: pd.DataFrame,
    columns: Sequence[tuple[str, str]],
    *,
    kinds: Mapping[str, str] | None = None,
    numeric: Sequence[str] = (),
    empty: str = "Nothing to show.",
    limit: int | None = None,
) -> str:
    """An HTML table of ``df`` on its own (for the notebook tools): (column, heading) pairs;
    ``kinds`` (or ``numeric``) say how a column is shown."""
    kinds = {**dict.fromkeys(numeric, "num"), **(kinds or {})}
    spec = [(c, h, kinds.get(c, "text")) for c, h in columns]
    return render("table.html.j2", t=make_table(df, spec, empty=empty, limit=limit))


def page(
    template: str, title: str, subtitle: str, *, toc: Sequence[tuple[str, str]] = (), **context: Any
) -> str:
    """A whole report document: ``template`` extends templates/page.html.j2."""
    return render(template, title=title, subtitle=subtitle, toc=list(toc), **context)
