"""Find services that fit a person's needs, and say why each one fits.

:func:`search` runs every offering (a service at a place, see :mod:`.catalog`) through the
checks in :data:`CHECKS`. Each check looks at one thing the worker asked for and answers:

- **fits**: the directory says so; the reason goes into ``why``;
- **does not fit**: the directory says so; the service is left out;
- **unknown**: the directory is silent; the service stays, ranked lower, and ``why`` says what
  to check before referring ("hours not listed: call before sending anyone").

Two exceptions, both to avoid sending someone where they cannot get in: ``accessible=True``
keeps only places whose accessibility is described (or services with no building to visit),
and services that are not ``active`` are left out unless ``include_inactive=True``.

Ranking, in order (earlier keys matter more):

1. services that are open for referral before inactive ones (only shown on request);
2. how many of the needs it meets, and by its category before by a word in its text;
3. how many things the worker must check (fewer first: a confirmed fit beats a maybe);
4. how directly it fits the rest (staff who speak the language before an interpreter);
5. distance, when ``near`` is given (unknown distance last);
6. service name, so the order is stable.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

import pandas as pd

from . import costs as cost_rules
from .catalog import Offering
from .categories import CATEGORIES, CATEGORY_BY_KEY, category_key, mentions
from .directory import Directory, load_directory
from .geo import haversine_km, resolve_near
from .hours import hours_on, is_open
from .languages import NAMES, language_key, mentioned

COLUMNS = (
    "service",
    "organization",
    "category",
    "address",
    "phone",
    "hours_today",
    "languages",
    "cost",
    "eligibility",
    "accessibility",
    "distance_km",
    "open_now",
    "why",
    "status",
    "service_id",
)


@dataclass(frozen=True)
class Query:
    """What the worker asked for, normalised (built by :func:`search`)."""

    needs: tuple[str, ...]
    zone: tzinfo
    language: str | None
    age: float | None
    at: datetime
    filter_open: bool
    max_cost: float | None
    accessible: bool | None
    near: tuple[float, float] | None
    include_inactive: bool


@dataclass(frozen=True)
class Verdict:
    """One check's answer for one offering.

    ``keep`` False leaves the offering out; ``reason`` says why it fits; ``check`` says what
    the directory did not say; ``rank`` orders fits within the check (lower first).
    """

    keep: bool = True
    reason: str = ""
    check: str = ""
    rank: int = 0


Check = Callable[[Offering, Query], Verdict | None]


def _status(o: Offering, q: Query) -> Verdict:
    if o.status == "active":
        return Verdict(reason=f"Alert: {o.alert}" if o.alert.strip() else "")
    if not q.include_inactive:
        return Verdict(keep=False)
    alert = f": {o.alert}" if o.alert.strip() else ""
    return Verdict(check=f"{o.status.capitalize()}, do not refer now{alert}", rank=1)


def _needs(o: Offering, q: Query) -> Verdict | None:
    if not q.needs:
        return None
    by_category, by_text = [], []
    for need in q.needs:
        key = category_key(need)
        if key is not None and key in o.categories:
            by_category.append(CATEGORY_BY_KEY[key].label)
        elif mentions(o.text, need):  # a name ("FoodLink Home Delivery") may look like a category
            by_text.append(f"'{need}'")
    met = len(by_category) + len(by_text)
    if not met:
        return Verdict(keep=False)
    said = ([f"Need: {', '.join(by_category)}"] if by_category else []) + (
        [f"Mentions {', '.join(by_text)}"] if by_text else []
    )
    reason = "; ".join(said)
    return Verdict(reason=reason, rank=2 * (len(q.needs) - met) + (0 if by_category else 1))


def _language(o: Offering, q: Query) -> Verdict | None:
    if not q.language:
        return None
    wanted = NAMES.get(language_key(q.language), q.language)
    if language_key(q.language) in o.language_keys:
        return Verdict(reason=f"Staff speak {wanted}")
    if o.interpretation.strip() and mentioned(q.language, o.interpretation):
        return Verdict(reason=f"Interpreter for {wanted}", rank=1)
    if o.interpretation.strip():
        return Verdict(
            check=f"Interpreters offered ({o.interpretation.strip()}): ask for "
            f"{wanted} when you call",
            rank=1,
        )
    if not o.language_keys:
        return Verdict(check=f"Languages not listed: ask whether they can help in {wanted}", rank=2)
    return Verdict(keep=False)


def _age(o: Offering, q: Query) -> Verdict | None:
    if q.age is None or (o.min_age is None and o.max_age is None):
        return None
    if (o.min_age is not None and q.age < o.min_age) or (
        o.max_age is not None and q.age > o.max_age
    ):
        return Verdict(keep=False)
    return Verdict(reason=f"Age {q.age:g} is within {_ages(o)}")


def _ages(o: Offering) -> str:
    if o.min_age is not None and o.max_age is not None:
        return f"{o.min_age:g} to {o.max_age:g}"
    return f"{o.min_age:g} and over" if o.min_age is not None else f"up to {o.max_age:g}"


def _hours(o: Offering, q: Query) -> Verdict | None:
    if not q.filter_open or o.status != "active":  # a closed service is never "open"
        return None
    state = is_open(o.rules, q.at, q.zone)
    when = f"{q.at.astimezone(q.zone):%a %H:%M}"
    if state is None:
        return Verdict(check="Hours not listed: call before sending anyone", rank=1)
    return Verdict(reason=f"Open {when}") if state else Verdict(keep=False)


def _cost(o: Offering, q: Query) -> Verdict | None:
    if q.max_cost is None:
        return None
    lowest = cost_rules.lowest(o.costs, q.at.date())
    if lowest is None:
        said = f" ({o.fees_description.strip()})" if o.fees_description.strip() else ""
        return Verdict(check=f"Cost not listed{said}: ask about fees", rank=1)
    if lowest > q.max_cost:
        return Verdict(keep=False)
    return Verdict(reason=cost_rules.summary(o.costs, q.at.date()))


def _access(o: Offering, q: Query) -> Verdict | None:
    if not q.accessible:
        return None
    if not o.has_building:
        return Verdict(reason="No building to visit (phone, online or outreach)")
    if o.accessibility.strip():
        return Verdict(reason=f"Access: {o.accessibility.strip()}")
    return Verdict(keep=False)


#: The checks, in the order their reasons appear in ``why``. Status first so a closed service
#: says so before anything else; needs next because they are why the worker is searching.
CHECKS: tuple[tuple[str, Check], ...] = (
    ("status", _status),
    ("needs", _needs),
    ("language", _language),
    ("age", _age),
    ("hours", _hours),
    ("cost", _cost),
    ("access", _access),
)


def search(
    directory: Directory | None = None,
    *,
    needs: Sequence[str] | str = (),
    language: str | None = None,
    age: float | None = None,
    open_at: datetime | None = None,
    open_now: bool = False,
    max_cost: float | None = None,
    free_only: bool = False,
    accessible: bool | None = None,
    near: tuple[float, float] | str | None = None,
    include_inactive: bool = False,
    now: datetime | None = None,
) -> pd.DataFrame:
    """Services that fit, best first, with the reason each one fits.

    Parameters
    ----------
    directory:
        From :func:`~paratrain.referral.load_directory`; default: the default directory.
    needs:
        Categories (``"food"``, ``"Mental health"``; see :mod:`.categories`) or words to find
        in a service's name, description and eligibility (``"eviction"``). A service fits when
        it meets any of them; meeting more ranks higher.
    language:
        A language the person needs, by name or code (``"Spanish"``, ``"es"``, ``"ASL"``).
    age:
        The person's age, checked against the service's minimum and maximum age.
    open_at:
        Only services open at this moment. A naive datetime is read in the directory's time
        zone. Cannot be combined with ``open_now``.
    open_now:
        Only services open at ``now``.
    max_cost:
        Only services whose lowest listed price is at most this (in the directory's currency).
    free_only:
        Only services free for at least some people (same as ``max_cost=0``).
    accessible:
        Only places whose accessibility is described, or services with no building to visit.
    near:
        ``(latitude, longitude)``, or a neighbourhood or town name from the directory's
        addresses (``"Old Mill"``); adds ``distance_km`` and ranks nearer first.
    include_inactive:
        Also show services that are inactive, temporarily closed or defunct (ranked last).
    now:
        The moment to treat as now for ``open_now``, ``hours_today`` and ``open_now``;
        default: the clock. A naive datetime is read in the directory's time zone.

    Returns
    -------
    pandas.DataFrame
        One row per service at a place, with the columns in :data:`COLUMNS`. ``open_now`` is
        True, False or None (hours not listed), at ``open_at`` when given, else at ``now``.

    Raises
    ------
    ValueError
        When ``open_at`` and ``open_now`` are both given, or ``age`` or ``max_cost`` is negative.
    DirectoryError
        When ``near`` names a place the directory does not have.
    """
    d = directory if directory is not None else load_directory()
    if open_at is not None and open_now:
        raise ValueError("give open_at or open_now, not both")
    if (age is not None and age < 0) or (max_cost is not None and max_cost < 0):
        raise ValueError("age and max_cost cannot be negative")
    clock = _aware(now, d) if now is not None else datetime.now(d.zone)
    at = _aware(open_at, d) if open_at is not None else clock
    query = Query(
        needs=(needs,) if isinstance(needs, str) else tuple(n for n in needs if n.strip()),
        zone=d.zone,
        language=language or None,
        age=age,
        at=at,
        filter_open=open_now or open_at is not None,
        max_cost=0.0 if free_only else max_cost,
        accessible=accessible,
        near=resolve_near(d, near),
        include_inactive=include_inactive,
    )
    ranked: list[tuple[tuple[bool, int, int, int, float, str], dict[str, object]]] = []
    for o in d.catalog:
        verdicts = {name: v for name, check in CHECKS if (v := check(o, query)) is not None}
        if all(v.keep for v in verdicts.values()):
            ranked.append(_row(o, query, verdicts))
    ranked.sort(key=lambda pair: pair[0])
    return pd.DataFrame([row for _, row in ranked], columns=list(COLUMNS))


def _aware(moment: datetime, d: Directory) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=d.zone)


def _row(
    o: Offering, q: Query, verdicts: dict[str, Verdict]
) -> tuple[tuple[bool, int, int, int, float, str], dict[str, object]]:
    """The result row, and its sort key (see the module docstring)."""
    distance = _distance(o, q.near)
    checks = [v.check for v in verdicts.values() if v.check]
    reasons = [v.reason for v in verdicts.values() if v.reason]
    if distance is not None:
        reasons.append(f"{distance:.1f} km away")
    why = "; ".join(reasons + [f"Check: {c}" for c in checks])
    day = q.at.astimezone(q.zone).date()
    active = o.status == "active"
    need = verdicts.get("needs", Verdict())
    others = sum(v.rank for name, v in verdicts.items() if name not in ("needs", "status"))
    key = (
        o.status != "active",
        need.rank,
        len(checks),
        others,
        distance if distance is not None else math.inf,
        o.service.lower(),
    )
    return key, {
        "service": o.service,
        "organization": o.organization,
        "category": ", ".join(c.label for c in CATEGORIES if c.key in o.categories),
        "address": o.address,
        "phone": o.phone,
        "hours_today": hours_on(o.rules, day) if active else o.status.capitalize(),
        "languages": ", ".join(o.languages) or "Not listed",
        "cost": cost_rules.summary(o.costs, day, o.fees_description),
        "eligibility": o.eligibility,
        "accessibility": o.accessibility or "Not described",
        "distance_km": round(distance, 2) if distance is not None else math.nan,
        "open_now": is_open(o.rules, q.at, q.zone) if active else False,
        "why": why,
        "status": o.status,
        "service_id": o.service_id,
    }


def _distance(o: Offering, near: tuple[float, float] | None) -> float | None:
    if near is None or o.latitude is None or o.longitude is None:
        return None
    return haversine_km(near, (o.latitude, o.longitude))
