"""The identifier guard: possible real identifying information in free text.

Trainees must write about fictional people only. This finds text that *looks like* a real
identifier so a supervisor can check it; it cannot know whether a number is real, so every
finding is "possible" and a person decides.

What it looks for (a named strategy each, in :data:`DETECTORS`):

* ``phone``: North American numbers (``(503) 555-2368``, ``503.555.2368``, ``+1 503 555 2368``)
  and international numbers with a ``+`` country code. Not flagged: the fictional range
  ``555-0100`` to ``555-0199``, and short crisis numbers (988, 911, 211).
* ``email``: addresses, except reserved example domains (``example.org/.com/.net``,
  ``*.example``, ``*.test``, ``*.invalid``) that fiction uses.
* ``ssn``: US social security numbers ``123-45-6789`` (or with spaces) in valid ranges (an area
  of 000, 666 or 900-999, group 00 or serial 0000 is never issued), and nine digits next to
  "SSN"/"social security".
* ``date-of-birth``: a full date near "born", "DOB", "date of birth" or "birthday".
* ``street-address``: a house number, a street name and a street word (``Street``, ``Ave``,
  ``Road``...), or a PO box.
* ``record-number``: a number labelled MRN, medical record, Medicaid, Medicare, member or
  insurance ID.
* ``card-number``: 13 to 19 digits that pass the Luhn check.
* ``licence-number``: US driver's licence and state ID numbers (see
  :mod:`paratrain.supervision.licences`): any common state format when labelled ("driver's
  license", "DL", "state ID", "ID card", "learner's permit"...), and without a label only the
  formats no ordinary text has (``F255-921-50-094-0``, ``WDL`` + 9, a letter and 12-14 digits).

Text found verbatim in the course's own fictional material (scenario files) is not flagged.
Findings carry a *masked* value, never the whole identifier, so a flag does not copy it on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from paratrain.supervision import licences


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    masked: str
    why: str


def mask(value: str) -> str:
    """Keep the first two and last two letters or digits; hide the rest."""
    chars = [c for c in value if c.isalnum()]
    keep = {i for i in range(len(chars)) if i < 2 or i >= len(chars) - 2} if len(chars) > 6 else {0}
    out, k = [], 0
    for c in value:
        if c.isalnum():
            out.append(c if k in keep else "•")
            k += 1
        else:
            out.append(c)
    return "".join(out)


PHONE_NA = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?([2-9]\d{2})[\s.-]?(\d{4})(?![\w-])"
)
PHONE_INTL = re.compile(r"(?<![\w+])\+(?!1[\s.-])\d{1,3}(?:[\s.-]?\d{2,4}){2,5}(?!\w)")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
SSN = re.compile(r"(?<![\w-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\w-])")
SSN_LABELLED = re.compile(r"(?i)\b(?:ssn|social security(?: number| no\.?)?)\W{0,5}(\d{9})\b")
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE = re.compile(
    rf"(?i)\b(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:19|20)?\d{{2}}|(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}|"
    rf"{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{{2}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS},?\s+(?:19|20)\d{{2}})\b"
)
BIRTH_WORDS = re.compile(r"(?i)\b(?:born|d\.?o\.?b\.?|date of birth|birth ?date|birthday)\b")
STREET = re.compile(
    r"\b\d{1,6}[A-Za-z]?\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'.-]*\s+){1,4}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|"
    r"Terrace|Ter|Circle|Cir|Highway|Hwy|Parkway|Pkwy|Square|Sq|Trail|Trl)\b\.?"
    r"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*\w+)?"
)
PO_BOX = re.compile(r"(?i)\bp\.?\s?o\.?\s+box\s+\d+\b")
RECORD = re.compile(
    r"(?i)\b(?:mrn|medical record(?: number| no\.?)?|medicaid(?: id| number| no\.?)?|"
    r"medicare(?: id| number| no\.?)?|member id|insurance id|patient id)\W{0,5}"
    r"([A-Z0-9][A-Z0-9-]{4,})\b"
)
CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")

FICTIONAL_DOMAINS = ("example.org", "example.com", "example.net")
FICTIONAL_TLDS = (".example", ".test", ".invalid", ".localhost")


def _phones(text: str) -> Iterator[Finding]:
    for m in PHONE_NA.finditer(text):
        exchange, line = m.group(2), m.group(3)
        if exchange == "555" and 100 <= int(line) <= 199:
            continue  # reserved for fiction
        yield Finding("phone", m.start(), m.end(), mask(m.group(0)), "looks like a phone number")
    for m in PHONE_INTL.finditer(text):
        yield Finding(
            "phone",
            m.start(),
            m.end(),
            mask(m.group(0)),
            "looks like an international phone number",
        )


def _emails(text: str) -> Iterator[Finding]:
    for m in EMAIL.finditer(text):
        domain = m.group(1).lower()
        if (
            domain in FICTIONAL_DOMAINS
            or domain.endswith(FICTIONAL_TLDS)
            or any(domain.endswith("." + d) for d in FICTIONAL_DOMAINS)
        ):
            continue
        yield Finding("email", m.start(), m.end(), mask(m.group(0)), "looks like an email address")


def _ssn_valid(area: str, group: str, serial: str) -> bool:
    return (
        area not in ("000", "666")
        and not area.startswith("9")
        and group != "00"
        and serial != "0000"
    )


def _ssns(text: str) -> Iterator[Finding]:
    for m in SSN.finditer(text):
        if _ssn_valid(*m.groups()):
            yield Finding(
                "ssn", m.start(), m.end(), mask(m.group(0)), "looks like a social security number"
            )
    for m in SSN_LABELLED.finditer(text):
        d = m.group(1)
        if _ssn_valid(d[:3], d[3:5], d[5:]):
            yield Finding(
                "ssn",
                m.start(1),
                m.end(1),
                mask(d),
                "nine digits labelled as a social security number",
            )


def _birth_dates(text: str) -> Iterator[Finding]:
    words = [w.start() for w in BIRTH_WORDS.finditer(text)]
    for m in DATE.finditer(text):
        if any(abs(m.start() - w) <= 40 for w in words):
            yield Finding(
                "date-of-birth",
                m.start(),
                m.end(),
                mask(m.group(0)),
                "a full date next to words about birth",
            )


def _addresses(text: str) -> Iterator[Finding]:
    for rx in (STREET, PO_BOX):
        for m in rx.finditer(text):
            yield Finding(
                "street-address",
                m.start(),
                m.end(),
                mask(m.group(0)),
                "looks like a street address",
            )


def _records(text: str) -> Iterator[Finding]:
    for m in RECORD.finditer(text):
        if any(c.isdigit() for c in m.group(1)):
            yield Finding(
                "record-number",
                m.start(),
                m.end(),
                mask(m.group(0)),
                "a number labelled as a medical record or insurance id",
            )


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _cards(text: str) -> Iterator[Finding]:
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if 13 <= len(digits) <= 19 and len(set(digits)) > 2 and _luhn(digits):
            yield Finding(
                "card-number",
                m.start(),
                m.end(),
                mask(m.group(0)),
                "digits that pass the payment-card check",
            )


def _licences(text: str) -> Iterator[Finding]:
    for start, end, why in licences.find(text):
        yield Finding("licence-number", start, end, mask(text[start:end]), why)


Detector = Callable[[str], Iterable[Finding]]

# Order matters only for overlaps: a span claimed by an earlier detector (e.g. an SSN) is not
# reported again by a later, vaguer one (e.g. a card number).
DETECTORS: dict[str, Detector] = {
    "ssn": _ssns,
    "email": _emails,
    "record-number": _records,
    "licence-number": _licences,
    "card-number": _cards,
    "phone": _phones,
    "date-of-birth": _birth_dates,
    "street-address": _addresses,
}


def find_identifiers(text: str, *, fictional: Iterable[str] = ()) -> list[Finding]:
    """Possible real identifiers in ``text``, in order of position.

    ``fictional`` holds text known to be fictional (the course's scenario files): a match that
    appears verbatim in it is not reported.
    """
    known = [f for f in fictional if f]
    taken: list[tuple[int, int]] = []
    found: list[Finding] = []
    for detect in DETECTORS.values():
        for f in detect(text):
            if any(f.start < e and s < f.end for s, e in taken):
                continue
            value = text[f.start : f.end]
            if any(value in k for k in known):
                continue
            taken.append((f.start, f.end))
            found.append(f)
    return sorted(found, key=lambda f: f.start)
