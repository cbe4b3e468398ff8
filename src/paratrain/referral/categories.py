"""The need categories a worker searches by, and how a service is put into them.

HSDS 3.0 has no built-in list of service types: a directory classifies services with taxonomy
terms (``taxonomy_term``) attached through ``attribute`` rows. The big taxonomies (211 HSIS,
formerly AIRS/211 LA County) are licensed by subscription, so paratrain uses its own short list
of the needs that come up most in community mental health work (the AHC HRSN core domains plus
mental health, substance use, crisis, legal and work).

A service gets its categories in this order, first that gives any:

1. **taxonomy terms**: each term linked to the service whose ``code`` is a category key (the
   Riverbend directory does this) or whose ``name`` contains one of the category's keywords
   (a term such as "Food Pantries" in another taxonomy);
2. **keywords** in the service's name and description (for exports without taxonomy terms).

A keyword matches a whole word or phrase, plural allowed (``bus`` matches "bus" and "buses" but
not "business"); a keyword ending in ``*`` matches the start of a word (``rent*`` matches "rent"
and "rental" but not "parent").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Category:
    """One need category.

    Attributes
    ----------
    key:
        Stable identifier, also the taxonomy term ``code`` in the Riverbend directory.
    label:
        What trainees see in the need dropdown.
    keywords:
        Word starts that put a service or a taxonomy term into this category.
    """

    key: str
    label: str
    keywords: tuple[str, ...]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "housing",
        "Housing and shelter",
        ("housing", "shelter", "homeless*", "evict*", "rent*", "tenant", "landlord"),
    ),
    Category(
        "food",
        "Food",
        (
            "food",
            "meal",
            "pantry",
            "pantries",
            "grocer*",
            "nutrition",
            "supper",
            "lunch",
            "kitchen",
        ),
    ),
    Category(
        "mental-health",
        "Mental health",
        (
            "mental health",
            "counsel*",
            "therapy",
            "psychiatr*",
            "peer support",
            "warmline",
            "clubhouse",
            "emotional support",
        ),
    ),
    Category(
        "substance-use",
        "Substance use",
        (
            "substance use",
            "alcohol",
            "drug",
            "opioid",
            "addiction",
            "recovery",
            "naloxone",
            "withdrawal",
            "detox*",
            "harm reduction",
            "syringe",
        ),
    ),
    Category("crisis", "Crisis", ("crisis", "suicid*", "988", "hotline", "domestic violence")),
    Category(
        "legal",
        "Legal help",
        ("legal", "lawyer", "attorney", "court", "immigration", "expunge*", "record clearing"),
    ),
    Category(
        "transport",
        "Transport",
        ("transport*", "ride", "bus", "paratransit", "fare", "volunteer driver"),
    ),
    Category(
        "employment",
        "Work and jobs",
        ("employment", "job", "career", "resume", "vocational", "workforce"),
    ),
    Category(
        "benefits",
        "Benefits and money",
        (
            "benefit",
            "snap",
            "medicaid",
            "medicare",
            "cash assistance",
            "tax",
            "utility",
            "utilities",
            "health insurance",
            "wic",
        ),
    ),
)

CATEGORY_BY_KEY: dict[str, Category] = {c.key: c for c in CATEGORIES}


@cache
def _pattern(keyword: str) -> re.Pattern[str]:
    """Whole word or phrase with an optional plural; a trailing ``*`` matches a word start."""
    if keyword.endswith("*"):
        return re.compile(r"(?<!\w)" + re.escape(keyword[:-1]), re.IGNORECASE)
    return re.compile(r"(?<!\w)" + re.escape(keyword) + r"(?:s|es)?(?!\w)", re.IGNORECASE)


def category_key(text: str) -> str | None:
    """Return the category key that ``text`` names, or ``None``.

    Accepts a key (``"mental-health"``), a label (``"Mental health"``) or the key with spaces
    (``"mental health"``), in any letter case.

    Parameters
    ----------
    text:
        What the worker typed or picked.

    Returns
    -------
    str or None
        The category key, or ``None`` when ``text`` is not a category (treat it as free text).
    """
    wanted = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
    for c in CATEGORIES:
        if wanted in (c.key.replace("-", " "), c.label.lower()):
            return c.key
    return None


def keyword_categories(texts: Iterable[str]) -> frozenset[str]:
    """Categories whose keywords appear in any of ``texts``.

    Parameters
    ----------
    texts:
        Free text such as a service name and description, or taxonomy term names.

    Returns
    -------
    frozenset of str
        Category keys.
    """
    joined = " \n ".join(texts)
    return frozenset(
        c.key for c in CATEGORIES if any(_pattern(k).search(joined) for k in c.keywords)
    )


def term_categories(codes: Iterable[str], names: Iterable[str]) -> frozenset[str]:
    """Categories named by taxonomy terms: by ``code`` first, else by keywords in ``name``.

    Parameters
    ----------
    codes, names:
        The ``code`` and ``name`` of every taxonomy term linked to one service.

    Returns
    -------
    frozenset of str
        Category keys; empty when no term fits a category.
    """
    by_code = frozenset(code for code in codes if code in CATEGORY_BY_KEY)
    return by_code or keyword_categories(names)


def mentions(text: str, phrase: str) -> bool:
    """True when every word of ``phrase`` starts a word somewhere in ``text`` (any case).

    So "evict" finds "eviction"; the words may appear in any order.

    Parameters
    ----------
    text:
        Text to look in.
    phrase:
        Words a worker typed, e.g. ``"eviction court"``.

    Returns
    -------
    bool
    """
    words = [w for w in re.split(r"\W+", phrase) if w]
    return bool(words) and all(_pattern(w + "*").search(text) for w in words)
