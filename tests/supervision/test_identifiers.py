"""The identifier guard finds what looks real, ignores what is reserved for fiction, and never
copies the whole identifier into a finding."""

from __future__ import annotations

import pytest

from paratrain.supervision.identifiers import find_identifiers, mask


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("call her on (503) 555-2368 tonight", "phone"),
        ("his cell is 503.867.5309", "phone"),
        ("reach him at +44 20 7946 0958", "phone"),
        ("write to jane.doe@gmail.com", "email"),
        ("SSN 123-45-6789", "ssn"),
        ("social security number: 123456789", "ssn"),
        ("she was born on March 3, 1961 in Ohio", "date-of-birth"),
        ("DOB: 04/12/1988", "date-of-birth"),
        ("lives at 1427 NE Alberta Street, Apt 3B", "street-address"),
        ("send it to P.O. Box 4410", "street-address"),
        ("MRN 00482731", "record-number"),
        ("Medicaid ID: XK4492011", "record-number"),
        ("card 4539 1488 0343 6467", "card-number"),
    ],
)
def test_finds_identifiers(text: str, kind: str) -> None:
    found = find_identifiers(text)
    assert [f.kind for f in found] == [kind]
    value = text[found[0].start : found[0].end]
    assert found[0].masked != value and "•" in found[0].masked


@pytest.mark.parametrize(
    "text",
    [
        "call 988, or 911 in an emergency, or 211 for services",
        "the fictional number 555-0142 and (503) 555-0199",
        "write to grace@example.org or team@clinic.test",
        "SSN 000-12-3456 and 666-12-3456 and 900-12-3456 are never issued",
        "the meeting is on 2026-11-22 at 10, and she is 62",
        "Vernon came at 10 am with 3 kids and 2 dogs",
        "4111 1111 1111 1111",
    ],
)
def test_ignores_what_is_reserved_or_harmless(text: str) -> None:
    assert find_identifiers(text) == []


def test_text_from_the_course_s_fiction_is_not_flagged() -> None:
    text = "I visited 12 Riverbend Road as planned."
    assert [f.kind for f in find_identifiers(text)] == ["street-address"]
    assert find_identifiers(text, fictional=["situation: lives at 12 Riverbend Road"]) == []


def test_mask_keeps_only_the_ends() -> None:
    assert mask("123-45-6789") == "12•-••-••89"
    assert mask("ab1") == "a••"


# --- driver's licence and state ID numbers -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "her driver's license is D1234567",  # California: a letter and 7 digits
        "Driver License No. A123-4567-8901",  # Illinois, labelled
        "DL: 12345678",  # Texas / Pennsylvania: 8 digits
        "CA DL D1234567",
        "state ID 123456789",  # New York: 9 digits
        "State ID card number: S12345678",  # Massachusetts
        "his ID card: AB123456",  # Ohio: two letters and 6 digits
        "learner's permit 99ABC12345",  # New Hampshire
        "driving licence 123AB4567",  # Iowa
        "drivers license number: 12-345-6789",  # Colorado
        "CDL 1234567A",  # Maine / Vermont
        "Illinois state ID 25592150094F",
        "licence no. WDL12AB34C5X",  # Washington since 2018
        "Driver's license: DOE**JD123AB",  # Washington, the older 12 characters
        "ref F255-921-50-094-0 on file",  # Florida, no label needed
        "the form had F255-9215-0094 on it",  # Illinois
        "W123-4567-8901-23",  # Wisconsin
        "M 123 456 789 012",  # Michigan / Maryland / Minnesota
        "A1234 56789 01234",  # New Jersey
        "WDLABC12345D",
        "the card said F255921500940",  # a capital and 12 digits
    ],
)
def test_finds_licence_and_state_id_numbers(text: str) -> None:
    found = find_identifiers(text)
    assert [f.kind for f in found] == ["licence-number"], text
    value = text[found[0].start : found[0].end]
    assert any(c.isdigit() for c in value) and "•" in found[0].masked
    assert found[0].masked != value


@pytest.mark.parametrize(
    "text",
    [
        "She has had her driver's license for 20 years",
        "Driver's license since 2019; DL renewal in 2025",
        "her DL expires 04/12/2030",
        "state ID appointment on 2026-11-22, and state ID, 2026-11-22 again",
        "the licensed counselor and the license plate 7ABC123",
        "Order A1234567 shipped; invoice B12345678 paid",  # no label: not a licence
        "room 1203, floor 4; the PIN 123456 is not a licence",
        "ID card 0000000 (a placeholder)",
        "driver's licence 1234",  # too short for any state
        "Medicaid and a state ID: none yet",
        "Form I-9 and DL-44, version A-1.2.3, US-101",
        "the DMV in 2025 gave her a state ID card",
    ],
)
def test_licence_guard_ignores_ordinary_text(text: str) -> None:
    assert [f for f in find_identifiers(text) if f.kind == "licence-number"] == []


@pytest.mark.parametrize(
    "label",
    ["driver's license", "DL", "state ID", "ID card #", "licence number:", "learner's permit"],
)
def test_fictional_555_01xx_numbers_are_never_found(label: str) -> None:
    for line in range(100, 200):
        for number in (
            f"555-0{line}",
            f"(503) 555-0{line}",
            f"503-555-0{line}",
            f"503.555.0{line}",
            f"5035550{line}",
            f"+1 503 555 0{line}",
        ):
            text = f"Her {label} {number}, she said."
            assert find_identifiers(text) == [], text
