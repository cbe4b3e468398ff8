"""CSV cells that a spreadsheet will not run as formulas (CSV injection).

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``, ``-`` or ``@``
(and, in some versions, a tab or carriage return) as a formula, so a trainee named
``=HYPERLINK("http://…","click")`` or ``+cmd|' /C calc'!A0`` would run in the program
manager's spreadsheet. Following OWASP's CSV-injection guidance, every text cell paratrain
writes to a CSV file goes through :func:`neutralise`, which puts a single quote in front of such
a value; spreadsheets show the text as typed.

The quote is reversible: :func:`restore` takes it off again when paratrain reads its own files
back (the course roster is read, merged and written again on every import). So that the pair is
exact, a value that already starts with a quote followed by a formula character or another
quote gets one more quote too.

Numbers are not text: a numeric column (a score of ``-2.5``) is written as a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_RISKY = re.compile(r"[=+\-@\t\r]|'[=+\-@\t\r']")


def neutralise(value: str) -> str:
    """``value`` with a leading single quote if a spreadsheet would read it as a formula."""
    return QUOTE + value if _RISKY.match(value) else value


def restore(value: str) -> str:
    """The value :func:`neutralise` was given (text from any other source is unchanged unless
    it starts with a quote and a formula character)."""
    return value[1:] if value.startswith(QUOTE) and _RISKY.match(value, 1) else value


def neutralise_row(values: Iterable[object]) -> list[object]:
    """A row for :mod:`csv` writers: text cells neutralised, other values as they are."""
    return [neutralise(v) if isinstance(v, str) else v for v in values]


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name neutralised.

    Only text columns are touched (vectorised, so the 200,000-row long export stays fast);
    numeric, boolean and date columns are written as they are.
    """
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            continue
        risky = s.str.match(_RISKY.pattern, na=False).astype(bool)
        if risky.any():
            out[col] = s.where(~risky, QUOTE + s.where(risky, ""))
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    return out
