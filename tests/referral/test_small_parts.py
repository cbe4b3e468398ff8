"""Categories, costs and languages."""

from __future__ import annotations

from datetime import date

import pytest

from paratrain.referral.categories import (
    category_key,
    keyword_categories,
    mentions,
    term_categories,
)
from paratrain.referral.costs import CostOption, lowest, money, summary
from paratrain.referral.languages import display_name, language_key, mentioned

DAY = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("food", "food"),
        ("Mental health", "mental-health"),
        ("mental-health", "mental-health"),
        ("SUBSTANCE USE", "substance-use"),
        ("Work and jobs", "employment"),
        ("eviction", None),
    ],
)
def test_category_key(text: str, key: str | None) -> None:
    assert category_key(text) == key


def test_keywords_match_whole_words_or_marked_starts() -> None:
    assert keyword_categories(["Free bus passes"]) == {"transport"}
    assert keyword_categories(["Small business advice"]) == frozenset()
    assert keyword_categories(["Rental help for tenants"]) == {"housing"}
    assert keyword_categories(["Parenting class"]) == frozenset()  # not "rent"
    assert keyword_categories(["Call 988"]) == {"crisis"}


def test_terms_by_code_then_by_name() -> None:
    assert term_categories(["food"], ["anything"]) == {"food"}
    assert term_categories(["BD-1800"], ["Food Pantries"]) == {"food"}
    assert term_categories(["x"], ["Gardening"]) == frozenset()


def test_mentions_any_order_word_starts() -> None:
    assert mentions("Help with eviction court papers", "court evict")
    assert not mentions("Help with eviction", "court evict")
    assert not mentions("anything", "  ")


def test_costs() -> None:
    sliding = (
        CostOption(0, "USD", "low income", "per session"),
        CostOption(140, "USD", "full fee", "per session"),
    )
    assert summary(sliding, DAY) == "Free to $140 per session (depends on income or cover)"
    assert summary((CostOption(2.5, "USD", "ride", "per ride"),), DAY) == "$2.50 per ride"
    assert summary((), DAY, "Donations welcome") == "Not listed: Donations welcome"
    assert summary((CostOption(35, "gbp", "", ""), CostOption(50, "gbp", "", "")), DAY) == (
        "£35 to £50"
    )
    old = CostOption(10, "USD", "", "", valid_to=date(2025, 12, 31))
    new = CostOption(12, "USD", "", "", valid_from=date(2026, 1, 1))
    assert lowest((old, new), DAY) == 12
    assert lowest((old,), DAY) is None
    assert money(1234, "USD") == "$1,234"
    assert money(5, "XOF") == "5 XOF"


def test_languages() -> None:
    assert language_key("Spanish") == language_key("es") == language_key("spa") == "es"
    assert language_key("ASL") == language_key("American Sign Language") == "ase"
    assert language_key("Kreyòl") == "ht"
    assert language_key("Klingon") == "klingon"
    assert display_name("", "so") == "Somali"
    assert display_name("Urdu", "ur") == "Urdu"
    assert mentioned("es", "Interpreters for Spanish and Polish")
    assert mentioned("Haitian Creole", "Kreyòl interpreters on Fridays")
    assert not mentioned("Somali", "Interpreters for Spanish")
