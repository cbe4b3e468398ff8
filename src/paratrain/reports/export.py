"""CSV exports: long form (one row per trainee and item), wide form (one column per item),
and the competency levels. Written atomically, UTF-8 with a header row, every text cell made
safe to open in a spreadsheet (:mod:`paratrain.csvsafe`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from paratrain.atomic import atomic_write_text
from paratrain.csvsafe import neutralise_frame
from paratrain.reports import frames
from paratrain.reports.inputs import CohortInputs

LONG_NAME = "scores-long.csv"
WIDE_NAME = "scores-wide.csv"
LEVELS_NAME = "competency-levels.csv"


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` atomically (a reader never sees half a file), with no cell
    a spreadsheet would run as a formula."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, neutralise_frame(frame).to_csv(index=False, lineterminator="\n"))
    return path


def write_all(inp: CohortInputs, out_dir: Path) -> dict[str, Path]:
    """The three CSV exports in ``out_dir``; returns their paths by form."""
    long = frames.long_export(inp)
    return {
        "long": write_csv(long, out_dir / LONG_NAME),
        "wide": write_csv(frames.wide_export(long), out_dir / WIDE_NAME),
        "levels": write_csv(frames.current_levels(inp), out_dir / LEVELS_NAME),
    }
