"""US driver's licence and state ID numbers, for the identifier guard
(:mod:`paratrain.supervision.identifiers`).

Every state numbers its licences its own way, and most state ID cards share the licence
numbering. The formats below are the common ones listed by the National Traffic Safety
Institute and by licence-screening services (checked December 2026), grouped by shape:

* digits only, 6 to 14 (Alabama 7-8, Arizona 9, Colorado ``##-###-####``, Georgia 7-9,
  Indiana 10, New York 9, North Carolina up to 12, Pennsylvania 8, Texas 8, Montana 13-14 ...);
* one letter and 4 to 18 digits (California ``A1234567``, Arizona, Hawaii, Massachusetts
  ``S12345678``, Virginia 8, Kentucky and Oklahoma 9, Michigan 10 or 12, Illinois 11,
  Florida, Maryland and Minnesota 12, Wisconsin 13, New Jersey 14, New York 18);
* two letters and digits (Ohio ``AB123456``, Colorado, West Virginia, Massachusetts ``SA``);
* mixed shapes: North Dakota ``ABC123456``, New Hampshire ``12ABC34567``, Iowa
  ``123AB4567``, Idaho ``AB123456C``, Maine and Vermont ``1234567A``, Missouri ``123A456789``
  and ``A123456R``, an Illinois state ID ``25592150094F``;
* Washington: ``WDL`` and 9 letters or digits (since 2018), and the older 12 characters
  (5 of the surname padded with ``*``, initials, 3 digits, 2 check characters).

Digits alone are common in ordinary text (amounts, years, order numbers), so most formats
count only next to a label: "driver's license", "driving licence", "DL", "CDL", "license
number", "state ID", "ID card", "identification card", "learner's permit". Without a label,
only shapes that ordinary text does not have are found: Florida ``F255-921-50-094-0``,
Illinois ``F255-9215-0094``, Wisconsin ``F255-9215-0094-12``, Maryland / Michigan / Minnesota
``A 123 456 789 012``, New Jersey ``A1234 56789 01234``, ``WDL`` + 9, and a capital letter
followed by 12 to 14 digits. Never found: a date, one digit repeated, fewer than 5 digits, and
the fictional telephone numbers 555-0100 to 555-0199.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Compact shapes (separators removed) that count next to a label: a named strategy each.
FORMATS: dict[str, re.Pattern[str]] = {
    "digits": re.compile(r"\d{6,14}"),
    "letter and digits": re.compile(r"[A-Z]\d{4,18}"),
    "two letters and digits": re.compile(r"[A-Z]{2}\d{5,7}"),
    "North Dakota": re.compile(r"[A-Z]{3}\d{6}"),
    "New Hampshire": re.compile(r"\d{2}[A-Z]{3}\d{5}"),
    "Iowa": re.compile(r"\d{3}[A-Z]{2}\d{4}"),
    "Idaho": re.compile(r"[A-Z]{2}\d{6}[A-Z]"),
    "digits and letters": re.compile(r"\d{7,9}[A-Z]{1,2}"),
    "Missouri": re.compile(r"\d{3}[A-Z]\d{6}|[A-Z]\d{6}R"),
    "Illinois state ID": re.compile(r"\d{11}[A-Z]"),
    "Washington": re.compile(r"WDL[A-Z0-9]{9}|[A-Z][A-Z*]{6}\d{3}[A-Z0-9]{2}"),
}

LABEL = (
    r"(?:(?i:\b(?:driver'?s?|drivers'|driving)\s+licen[cs]es?\b(?:\s+(?:number|no\b\.?|#))?"
    r"|\blicen[cs]e\s*(?:number\b|no\b\.?|num\b\.?|#)"
    r"|\bstate\s+(?:photo\s+)?id(?:entification)?(?:\s+card)?(?:\s+(?:number|no\b\.?|#))?"
    r"|\b(?:photo\s+)?id\s+card(?:\s+(?:number|no\b\.?|#))?|\bidentification\s+card\b"
    r"|\blearner'?s?\s+permit\b|\bnon-driver\s+id\b)|\b(?:DL|DLN|CDL|D\.L\.)(?!\w))"
)
# between the label and the number: punctuation, "is", "was", a state's two-letter code
FILLER = r"[\s:#.,(-]*(?:(?:is|was|reads|[A-Z]{2}\)?)[\s:#.,(-]+){0,2}"
VALUE = (
    r"(?P<v>WDL[A-Z0-9]{9}|[A-Z][A-Z*]{6}\d{3}[A-Z0-9]{2}|\d+[A-Z]{2,3}\d+"
    r"|[A-Z]{0,3}[- ]?\d+(?:[- ]\d+){0,5}[A-Z]{0,2})(?![\w-])"
)
LABELLED = re.compile(LABEL + FILLER + VALUE)

# Shapes found without a label (case-sensitive: licence letters are capitals).
UNLABELLED: dict[str, re.Pattern[str]] = {
    "Florida": re.compile(r"(?<![\w-])[A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d(?![\w-])"),
    "Wisconsin": re.compile(r"(?<![\w-])[A-Z]\d{3}-\d{4}-\d{4}-\d{2}(?![\w-])"),
    "Illinois": re.compile(r"(?<![\w-])[A-Z]\d{3}-\d{4}-\d{4}(?![\w-])"),
    "Maryland, Michigan or Minnesota": re.compile(
        r"(?<![\w-])[A-Z]([- ])\d{3}\1\d{3}\1\d{3}\1\d{3}(?![\w-])"
    ),
    "New Jersey": re.compile(r"(?<![\w-])[A-Z]\d{4}([- ])\d{5}\1\d{5}(?![\w-])"),
    "Washington": re.compile(r"(?<![\w-])WDL(?=[A-Z]*\d)[A-Z0-9]{9}(?![\w-])"),
    "a state": re.compile(r"(?<![\w-])[A-Z]\d{12,14}(?![\w-])"),
}

FICTIONAL_PHONE = re.compile(r"(?:1?\d{3})?55501\d\d")
DATE = re.compile(r"(?:19|20)\d\d[- ]\d\d[- ]\d\d|\d\d[- ]\d\d[- ](?:19|20)\d\d")


def plausible(value: str) -> bool:
    """Whether a labelled value has one of the common shapes and is not a date, a
    placeholder or a fictional telephone number."""
    compact = re.sub(r"[- ]", "", value)
    digits = re.sub(r"\D", "", compact)
    if DATE.fullmatch(value) or FICTIONAL_PHONE.fullmatch(digits):
        return False
    washington = FORMATS["Washington"].fullmatch(compact) is not None
    if (len(digits) < 5 and not washington) or len(set(digits)) < 2:
        return False
    return any(rx.fullmatch(compact) for rx in FORMATS.values())


def find(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, why) of every possible licence or state ID number in ``text``."""
    for m in LABELLED.finditer(text):
        value = m.group("v").strip(" -")
        if plausible(value):
            start = m.start("v") + m.group("v").index(value)
            yield start, start + len(value), ("a number labelled as a driver's licence or state ID")
    for state, rx in UNLABELLED.items():
        for m in rx.finditer(text):
            if len(set(re.sub(r"\D", "", m.group(0)))) > 1:
                yield m.start(), m.end(), f"formatted like a {state} driver's licence number"
