"""Shared fixtures: builders for in-memory scenarios, and widget-callback strictness."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINIREPO = REPO / "tests" / "fixtures" / "minirepo"

# nbgrader runs helper programs (alembic, jupyter kernels) by name.
_bindir = str(Path(sys.executable).parent)
if _bindir not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bindir + os.pathsep + os.environ.get("PATH", "")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def widget_callbacks_must_not_fail(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test if an ipywidgets callback raised (ipywidgets only logs those) or if the
    paratrain player showed an error to the trainee."""
    handler = _Collect()
    watched = [logging.getLogger(n) for n in ("traitlets", "ipywidgets", "paratrain.widget")]
    for lg in watched:
        lg.addHandler(handler)
    try:
        yield
    finally:
        for lg in watched:
            lg.removeHandler(handler)
    shown_ok = request.node.get_closest_marker("widget_errors_expected") is not None
    bad = [
        r
        for r in handler.records
        if "Exception in callback" in r.getMessage()
        or (r.name == "paratrain.widget" and r.levelno >= logging.ERROR and not shown_ok)
    ]
    if bad:
        pytest.fail(
            "widget callback error(s): " + "; ".join(f"{r.name}: {r.getMessage()}" for r in bad),
            pytrace=False,
        )


def scenario_yaml(nodes: str, *, mode: str = "practice", extra: str = "") -> str:
    """A small valid scenario with the given ``nodes:`` block (indented two spaces)."""
    return f"""schema_version: 1
id: s
title: Test
mode: {mode}
persona: {{fictional: true, name: Test Person, age: 40, pronouns: they/them,
  background: b, situation: s, reason: r}}
{extra}start: a
nodes:
{nodes}"""


BASIC_NODES = """  - id: a
    client: "Hello."
    choices:
      - {id: good, text: "Good", next: b, feedback: "ok", evidence: {empathy: basic}}
      - {id: bad, text: "Bad", next: c, feedback: "harm", evidence: {empathy: harmful}}
      - {id: adv, text: "Adv", next: b, feedback: "great", evidence: {empathy: advanced}}
  - id: b
    client: "Thanks."
    end: good
    debrief: "Fine."
  - id: c
    client: "Hm."
    choices:
      - {id: fix, text: "Fix", next: b, feedback: "repair", evidence: {rapport: basic}}
"""
