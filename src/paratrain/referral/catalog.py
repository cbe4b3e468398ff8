"""Join the HSDS tables into one :class:`Offering` per service at a place.

HSDS spreads a service over many tables; a worker needs them side by side. An offering is a
service at one location (one ``service_at_location`` row), or the service alone when it has no
location (a phone line, an outreach team). Where HSDS allows details at several levels, the
most specific wins:

- schedules: for the service at this location, else for the service, else for the location;
- phones: for the service at this location, else the service, else the location, else the
  organization;
- languages: the service's and the location's together;
- categories: see :mod:`.categories`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .categories import keyword_categories, term_categories
from .costs import CostOption
from .hours import Rule, parse_rule
from .languages import display_name, language_key

Row = dict[str, str]


@dataclass(frozen=True)
class Offering:
    """A service at one place, with everything a worker needs to judge it."""

    service_id: str
    service_at_location_id: str
    location_id: str
    service: str
    organization: str
    description: str
    status: str
    alert: str
    categories: frozenset[str]
    eligibility: str
    min_age: float | None
    max_age: float | None
    application: str
    interpretation: str
    fees_description: str
    location_name: str
    location_type: str
    address: str
    neighbourhood: str
    city: str
    latitude: float | None
    longitude: float | None
    phone: str
    languages: tuple[str, ...]
    language_keys: frozenset[str]
    accessibility: str
    costs: tuple[CostOption, ...]
    rules: tuple[Rule, ...]
    text: str

    @property
    def has_building(self) -> bool:
        """True when a person would go to a physical place for it."""
        return self.location_type == "physical"


def build_catalog(tables: Mapping[str, list[Row]]) -> tuple[Offering, ...]:
    """One offering per service at a place, in the order of ``services.csv``.

    Parameters
    ----------
    tables:
        HSDS table name -> rows (field name -> text), every official table present.

    Returns
    -------
    tuple of Offering
    """
    ix = _Index(tables)
    offerings: list[Offering] = []
    for s in tables["service"]:
        places = ix.sal_by_service.get(s["id"]) or [{"id": "", "location_id": ""}]
        offerings.extend(_offering(ix, s, sal) for sal in places)
    return tuple(offerings)


class _Index:
    """Rows grouped by the ids they link to."""

    def __init__(self, t: Mapping[str, list[Row]]) -> None:
        self.orgs = {r["id"]: r for r in t["organization"]}
        self.locations = {r["id"]: r for r in t["location"]}
        self.sal_by_service = _group(t["service_at_location"], "service_id")
        self.addresses = _group(t["address"], "location_id")
        self.access = _group(t["accessibility"], "location_id")
        self.costs = _group(t["cost_option"], "service_id")
        self.phones = {
            k: _group(t["phone"], k)
            for k in ("service_at_location_id", "service_id", "location_id", "organization_id")
        }
        self.schedules = {
            k: _group(t["schedule"], k)
            for k in ("service_at_location_id", "service_id", "location_id")
        }
        self.languages = {k: _group(t["language"], k) for k in ("service_id", "location_id")}
        terms = {r["id"]: r for r in t["taxonomy_term"]}
        self.terms: dict[str, list[Row]] = defaultdict(list)
        for a in t["attribute"]:
            if a["taxonomy_term_id"] in terms and a["link_entity"].strip().lower() in (
                "service",
                "services",
                "",
            ):
                self.terms[a["link_id"]].append(terms[a["taxonomy_term_id"]])


def _group(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.get(key):
            grouped[r[key]].append(r)
    return dict(grouped)


def _first(*groups: list[Row] | None) -> list[Row]:
    return next((g for g in groups if g), [])


def _offering(ix: _Index, s: Row, sal: Row) -> Offering:
    loc = ix.locations.get(sal["location_id"], {})
    org = ix.orgs.get(s["organization_id"], {})
    loc_id = loc.get("id", "")
    schedules = _first(
        ix.schedules["service_at_location_id"].get(sal["id"]),
        [
            r
            for r in ix.schedules["service_id"].get(s["id"], [])
            if r.get("location_id", "") in ("", loc_id)
        ],
        ix.schedules["location_id"].get(loc_id),
    )
    phones = _first(
        ix.phones["service_at_location_id"].get(sal["id"]),
        ix.phones["service_id"].get(s["id"]),
        ix.phones["location_id"].get(loc_id),
        ix.phones["organization_id"].get(s["organization_id"]),
    )
    langs = [
        *ix.languages["service_id"].get(s["id"], []),
        *ix.languages["location_id"].get(loc_id, []),
    ]
    names = list(dict.fromkeys(display_name(r["name"], r["code"]) for r in langs))
    keys = {language_key(r[k]) for r in langs for k in ("name", "code") if r[k].strip()}
    terms = ix.terms.get(s["id"], [])
    text_fields = (s["name"], s["alternate_name"], s["description"])
    categories = term_categories([t["code"] for t in terms], [t["name"] for t in terms])
    address = _address(ix.addresses.get(loc_id, []), loc)
    return Offering(
        service_id=s["id"],
        service_at_location_id=sal["id"],
        location_id=loc_id,
        service=s["name"],
        organization=org.get("name", ""),
        description=s["description"],
        status=s["status"].strip().lower(),
        alert=s["alert"],
        categories=categories or keyword_categories(text_fields),
        eligibility=s["eligibility_description"],
        min_age=_number(s["minimum_age"]),
        max_age=_number(s["maximum_age"]),
        application=s["application_process"],
        interpretation=s["interpretation_services"],
        fees_description=s["fees_description"],
        location_name=loc.get("name", ""),
        location_type=loc.get("location_type", "").strip().lower(),
        address=address[0],
        neighbourhood=address[1],
        city=address[2],
        latitude=_coordinate(loc.get("latitude", ""), 90),
        longitude=_coordinate(loc.get("longitude", ""), 180),
        phone=", ".join(_phone(p) for p in phones[:2]),
        languages=tuple(names),
        language_keys=frozenset(keys),
        accessibility=" ".join(
            " ".join(filter(None, (a["description"].strip(), a["details"].strip())))
            for a in ix.access.get(loc_id, [])
        ),
        costs=tuple(_cost(c) for c in ix.costs.get(s["id"], [])),
        rules=tuple(parse_rule(r) for r in schedules),
        text=" \n ".join(
            (
                *text_fields,
                org.get("name", ""),
                s["eligibility_description"],
                *(t["name"] for t in terms),
            )
        ),
    )


def _address(rows: list[Row], loc: Row) -> tuple[str, str, str]:
    """(one-line address, neighbourhood or region, city) of a location."""
    if not loc:
        return "No address: by phone or outreach", "", ""
    if loc.get("location_type", "").strip().lower() == "virtual":
        return f"Online: {loc.get('url') or loc.get('name', '')}", "", ""
    physical = [r for r in rows if r["address_type"].strip().lower() == "physical"] or rows
    if not physical:
        return loc.get("name", ""), "", ""
    a = physical[0]
    town = " ".join(filter(None, (a["city"], a["state_province"], a["postal_code"])))
    line = ", ".join(filter(None, (a["address_1"], a["address_2"], a["region"], town)))
    return line, a["region"].strip(), a["city"].strip()


def _phone(row: Row) -> str:
    number = row["number"].strip().strip('"')
    extension = row.get("extension", "").strip()
    kind = row.get("type", "").strip().lower()
    if extension:
        number += f" ext. {extension.removesuffix('.0')}"
    return f"{number} ({kind})" if kind in ("text", "video", "fax", "textphone") else number


def _number(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def _coordinate(text: str, limit: float) -> float | None:
    """A latitude or longitude, or ``None`` when missing or impossible (the official example
    has latitude 100)."""
    value = _number(text)
    return value if value is not None and -limit <= value <= limit else None


def _cost(row: Row) -> CostOption:
    def day(text: str) -> date | None:
        try:
            return date.fromisoformat(text.strip()) if text.strip() else None
        except ValueError:
            return None

    return CostOption(
        amount=_number(row["amount"]),
        currency=row["currency"].strip() or "USD",
        option=row["option"].strip(),
        per=row["amount_description"].strip(),
        valid_from=day(row["valid_from"]),
        valid_to=day(row["valid_to"]),
    )
