"""The identifier guard finds what looks real, ignores what is reserved for fiction, and never
copies the whole identifier into a finding."""

from __future__ import annotations

import pytest

from paratrain.supervision.identifiers import find_identifiers, mask


@pytest.mark.parametrize(("text", "kind"), [
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
])
def test_finds_identifiers(text: str, kind: str) -> None:
    found = find_identifiers(text)
    assert [f.kind for f in found] == [kind]
    value = text[found[0].start:found[0].end]
    assert found[0].masked != value and "•" in found[0].masked


@pytest.mark.parametrize("text", [
    "call 988, or 911 in an emergency, or 211 for services",
    "the fictional number 555-0142 and (503) 555-0199",
    "write to grace@example.org or team@clinic.test",
    "SSN 000-12-3456 and 666-12-3456 and 900-12-3456 are never issued",
    "the meeting is on 2026-11-22 at 10, and she is 62",
    "Vernon came at 10 am with 3 kids and 2 dogs",
    "4111 1111 1111 1111",
])
def test_ignores_what_is_reserved_or_harmless(text: str) -> None:
    assert find_identifiers(text) == []


def test_text_from_the_course_s_fiction_is_not_flagged() -> None:
    text = "I visited 12 Riverbend Road as planned."
    assert [f.kind for f in find_identifiers(text)] == ["street-address"]
    assert find_identifiers(text, fictional=["situation: lives at 12 Riverbend Road"]) == []


def test_mask_keeps_only_the_ends() -> None:
    assert mask("123-45-6789") == "12•-••-••89"
    assert mask("ab1") == "a••"
