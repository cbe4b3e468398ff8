"""Build the fictional Riverbend resource directory as an Open Referral HSDS 3.0 data package.

Run from the repository root::

    .venv/bin/python tools/build_riverbend.py

It (re)writes every CSV and ``datapackage.json`` in ``src/paratrain/referral/data/riverbend/``.
The output is deterministic: ids are UUID version 5 made from names, rows are in a fixed order,
so running it twice gives identical files and a diff shows only what was edited here.

Everything is invented. Riverbend, its neighbourhoods, streets, organisations, people and
services do not exist. To keep it from ever pointing at something real:

- phone numbers are 555-0100 to 555-0199, the range reserved for fiction;
- ZIP codes are 00101-00108 (no US post office uses 001xx; 006xx-009xx would be Puerto Rico)
  and the state code is ``ZZ``, which is no US state or territory;
- web and email addresses end in ``.example``, a top-level domain reserved for examples;
- coordinates sit a few kilometres from 0°N 0°E ("Null Island", in the Gulf of Guinea), the
  conventional placeholder, so no address can land on a real building while distances between
  places stay realistic for a town about 7 km across;
- the only real thing named is the national 988 Suicide & Crisis Lifeline number, mentioned in
  the descriptions of crisis services the way a real directory would.

Opening hours are local wall-clock times in the directory's time zone (paratrain uses
America/Chicago for Riverbend); schedules leave HSDS's ``timezone`` column empty because it
holds a fixed UTC offset, which would be an hour wrong for half the year.
"""

from __future__ import annotations

import copy
import csv
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from paratrain.referral.categories import CATEGORIES, CATEGORY_BY_KEY

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "paratrain" / "referral" / "data"
OUT = DATA / "riverbend"
OFFICIAL = DATA / "hsds-3.0" / "datapackage.json"

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://paratrain.example/riverbend")
CHECKED = "2026-11-01"
LAST_MODIFIED = "2026-11-01T09:00:00Z"
FICTIONAL_SERVICE = " (Fictional service for training.)"
FICTIONAL_ORG = " (Fictional organization for training.)"
FICTIONAL_PLACE = " (Fictional place for training.)"
WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"

NEIGHBOURHOODS: dict[str, tuple[str, float, float]] = {
    # name: (ZIP, latitude, longitude) of its centre
    "Downtown": ("00101", 0.0300, 0.0300),
    "Old Mill": ("00102", 0.0420, 0.0180),
    "Northgate": ("00103", 0.0580, 0.0340),
    "Lantern Hill": ("00104", 0.0360, 0.0520),
    "Riverside Flats": ("00105", 0.0180, 0.0360),
    "Eastbank": ("00106", 0.0260, 0.0620),
    "Cedar Park": ("00107", 0.0080, 0.0200),
    "Ferry Landing": ("00108", 0.0120, 0.0480),
}

LANGUAGE_CODES = {
    "English": "en",
    "Spanish": "es",
    "Vietnamese": "vi",
    "Somali": "so",
    "Haitian Creole": "ht",
    "American Sign Language": "ase",
    "Arabic": "ar",
    "French": "fr",
}

DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


def uid(*parts: str) -> str:
    """A stable UUID from a kind and names, e.g. ``uid("service", org, name)``."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


# --------------------------------------------------------------------------- the records


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    description: str
    year: int
    alternate_name: str = ""
    legal_status: str = "Nonprofit"
    main_line: bool = False  # one organization-level number its services share


@dataclass(frozen=True)
class Place:
    key: str
    org: str
    name: str
    street: str
    neighbourhood: str
    offset: tuple[int, int]  # thousandths of a degree from the neighbourhood centre
    description: str
    transportation: str = ""
    access: tuple[str, str] | None = None  # (description, details)


@dataclass(frozen=True)
class Online:
    key: str
    org: str
    name: str
    url: str
    description: str


@dataclass(frozen=True)
class Hours:
    byday: str
    opens: str
    closes: str
    place: str = ""  # a Place key: hours for the service at that place only
    freq: str = "WEEKLY"
    valid_from: str = ""
    valid_to: str = ""
    note: str = ""


@dataclass(frozen=True)
class Cost:
    option: str
    amount: float
    description: str = ""


@dataclass(frozen=True)
class Service:
    org: str
    name: str
    categories: tuple[str, ...]
    description: str
    places: tuple[str, ...]
    hours: tuple[Hours, ...]
    languages: tuple[str, ...]
    costs: tuple[Cost, ...]
    eligibility: str
    application: str
    min_age: int | None = None
    max_age: int | None = None
    status: str = "active"
    alert: str = ""
    interpretation: str = ""
    phone_type: str = "voice"
    documents: tuple[str, ...] = ()
    fees: str = ""
    alternate_name: str = ""  # another name people use for it, so a words search finds it
    own_phone: bool = True  # False: reached on the organization's main line


FREE = (Cost("Free", 0, "No charge"),)


def sliding(top: float, unit: str = "per session") -> tuple[Cost, ...]:
    return (
        Cost("Sliding scale: lowest income band, or anyone who cannot pay", 0, unit),
        Cost("Sliding scale: highest income band (full fee)", top, unit),
    )


def around_the_clock(place: str = "") -> tuple[Hours, ...]:
    return (Hours(EVERY_DAY, "00:00", "23:59", place=place, note="Open 24 hours, every day"),)


CRISIS_NOTE = (
    " If someone is in immediate danger, call 911. The national 988 Suicide & Crisis Lifeline"
    " can also be reached by call or text at 988."
)

ORGS: tuple[Org, ...] = (
    Org(
        "rcmhc",
        "Riverbend Community Mental Health Center",
        "Riverbend's community mental health center: counseling, psychiatric care, same-day "
        "assessment and a peer-run drop-in center for children and adults.",
        1978,
        "RCMHC",
    ),
    Org(
        "crisis",
        "Riverbend Regional Crisis Network",
        "Runs the county's crisis line, mobile crisis team and crisis stabilization center.",
        1996,
    ),
    Org(
        "warmline",
        "Riverbend Peer Warmline",
        "A peer-run phone line staffed by people with lived experience of mental health "
        "challenges.",
        2011,
    ),
    Org(
        "deaf",
        "Riverbend Deaf Services Collaborative",
        "Mental health and community services for Deaf, DeafBlind and hard-of-hearing people, "
        "delivered directly in American Sign Language.",
        2004,
    ),
    Org(
        "nfhc",
        "Riverbend Family Health Center",
        "A community health center on Northgate Avenue offering primary care with behavioral "
        "health, addiction treatment, insurance enrollment help, and a community health "
        "worker team supervised by a licensed clinical social worker.",
        1989,
        "Northgate Family Health Center",
    ),
    Org(
        "secondwind",
        "Riverbend Recovery Community Center",
        "A recovery community center run by and for people in recovery from substance use, "
        "in the Second Wind building on Foundry Row, with an evening peer support line.",
        2013,
        "Second Wind",
    ),
    Org(
        "harmred",
        "Lantern Hill Harm Reduction Project",
        "Low-barrier harm reduction services: safer-use supplies, naloxone and outreach.",
        2016,
    ),
    Org(
        "withdrawal",
        "Riverbend Withdrawal Management Center",
        "Medically monitored withdrawal and outpatient substance use treatment.",
        1992,
    ),
    Org(
        "housing",
        "Riverbend Housing Authority",
        "The town's public housing agency: public housing and housing vouchers.",
        1952,
        legal_status="Government agency",
    ),
    Org(
        "harborlight",
        "Harborlight Shelter Network",
        "Emergency shelter for adults, families and young people, and a winter warming center.",
        1985,
    ),
    Org(
        "safeharbor",
        "Safe Harbor Domestic Violence Services",
        "Hotline, confidential shelter and legal advocacy for people experiencing domestic "
        "violence.",
        1982,
    ),
    Org(
        "tenants",
        "Riverbend Tenant Rights Coalition",
        "Helps tenants facing eviction, and runs an emergency rental assistance fund.",
        2009,
    ),
    Org(
        "foodbank",
        "Eastbank Food Bank",
        "Food pantries, a mobile pantry and grocery boxes for older adults.",
        1983,
    ),
    Org("kitchen", "Common Table Community Kitchen", "Free hot meals, no questions asked.", 1991),
    Org(
        "dhs",
        "Riverbend County Department of Human Services",
        "The county office for food benefits, Medicaid, cash assistance and utility help, and "
        "the county's adult and child protective services.",
        1965,
        legal_status="Government agency",
        main_line=True,
    ),
    Org(
        "legalaid",
        "Riverbend Legal Aid Society",
        "Free civil legal help for people with low income: housing, benefits, immigration and "
        "record clearing.",
        1971,
        main_line=True,
    ),
    Org(
        "transit",
        "Riverbend Valley Transit",
        "The town's bus service, with reduced fares and RiverRide paratransit.",
        1974,
        legal_status="Government agency",
    ),
    Org(
        "drivers",
        "Neighbors in Motion",
        "Volunteer drivers who take older and disabled neighbours to appointments.",
        2007,
    ),
    Org(
        "workforce",
        "Riverbend WorkForce Center",
        "Job search help, career coaching and youth employment.",
        1999,
        legal_status="Government agency",
    ),
    Org(
        "bridgeworks",
        "Bridgeworks Supported Employment",
        "Supported employment for people with mental illness, following the Individual "
        "Placement and Support (IPS) model.",
        2012,
    ),
    Org(
        "clubhouse",
        "Riverside Clubhouse",
        "A clubhouse where members living with mental illness work side by side with staff.",
        2001,
    ),
    Org(
        "somali",
        "Somali Community Association of Riverbend",
        "Community navigation and family support for Somali and Arabic-speaking families.",
        2006,
    ),
    Org(
        "vama",
        "Vietnamese American Mutual Aid of Riverbend",
        "Benefits help and a lunch club for the Vietnamese community.",
        1981,
    ),
    Org(
        "lakay",
        "Lakay Community Center",
        "A Haitian community center: support groups, immigration and benefits navigation.",
        2010,
    ),
    Org(
        "freeclinic",
        "Riverbend Free Clinic",
        "Volunteer clinicians offering free evening care to people without health insurance.",
        1998,
    ),
    Org(
        "taxhelp",
        "Riverbend Tax Help",
        "Volunteers who prepare tax returns for free in tax season.",
        2003,
    ),
    Org(
        "library",
        "Riverbend Public Library",
        "The town library: computers, internet and help with online forms.",
        1903,
        legal_status="Government agency",
    ),
    Org(
        "veterans",
        "Riverbend Veterans Resource Center",
        "Peer support and housing help for veterans and their families.",
        2010,
        "Riverbend Veterans Outreach",
    ),
    Org(
        "seniors",
        "Riverbend Senior Center",
        "Meals, activities and Medicare counseling for people aged 60 and over.",
        1977,
    ),
    Org(
        "schools",
        "Riverbend Public Schools Family Resource Center",
        "Helps school families with meals, clothing and stable housing.",
        2005,
        legal_status="Government agency",
    ),
    Org(
        "wic",
        "Riverbend WIC Nutrition Office",
        "Nutrition support for pregnant people, new parents and young children.",
        1976,
        legal_status="Government agency",
    ),
    # ---- organizations the curriculum's role-plays and assignments name
    Org(
        "wellness",
        "Riverbend Community Wellness",
        "A community health worker program: home visits, outreach tables and rural outreach, "
        "and help with food, bills, rides and appointments, under a licensed supervisor.",
        2008,
    ),
    Org(
        "seniorhealth",
        "Riverbend Senior Health",
        "Community health workers and nurses who visit older adults at home.",
        2011,
    ),
    Org(
        "familyclinic",
        "Riverbend Family Clinic",
        "A family doctors' practice that also serves farms and small towns around Riverbend.",
        1994,
        legal_status="Private practice",
    ),
    Org(
        "hospital",
        "Riverbend General Hospital",
        "The town's general hospital, with an emergency department and community programs.",
        1921,
        main_line=True,
    ),
    Org(
        "rrc",
        "Riverbend Recovery Center",
        "An opioid treatment program: medication, counseling and recovery support. Its records "
        "are protected by the federal substance use confidentiality rule (42 CFR Part 2).",
        2004,
    ),
    Org(
        "opendoor",
        "Open Door Counseling",
        "An LGBTQ+-affirming counseling practice that uses each client's chosen name and "
        "pronouns from the first call.",
        2015,
    ),
    Org(
        "familyservices",
        "Riverbend Family Services",
        "Counseling and family support for adults, couples and families.",
        1962,
    ),
    Org(
        "adultday",
        "Riverbend Adult Day Center",
        "Day care and activities for older adults and adults with disabilities, with support "
        "for family caregivers.",
        1999,
    ),
    Org(
        "bridgeway",
        "Bridgeway Housing",
        "Transitional and supportive housing for adults leaving shelter.",
        2006,
    ),
    Org(
        "action",
        "Riverbend Community Action",
        "The community action agency: help with utility bills, weatherization and budgeting.",
        1966,
    ),
    Org(
        "coop",
        "Riverbend Valley Electric Cooperative",
        "The member-owned electric utility for Riverbend and the surrounding county.",
        1938,
        "the co-op",
    ),
    Org(
        "eastside",
        "Eastside Community Center",
        "A neighborhood center on the east side: a pantry, drop-in help hours and community rooms.",
        1975,
        main_line=True,
    ),
    Org(
        "brigid",
        "St. Brigid's Catholic Church",
        "A parish that runs a Saturday food market open to the whole county.",
        1889,
        legal_status="Religious organization",
    ),
    Org(
        "islamic",
        "Riverbend Islamic Center",
        "A mosque (Masjid Al-Noor) with a community pantry open to all residents.",
        1997,
        "Masjid Al-Noor",
        legal_status="Religious organization",
    ),
    Org(
        "greaterhope",
        "Greater Hope Baptist Church",
        "A Black Baptist congregation with a care ministry, choir and food closet.",
        1911,
        legal_status="Religious organization",
    ),
    Org(
        "foodlink",
        "FoodLink",
        "Volunteer drivers who deliver groceries to people who cannot get to a pantry.",
        2014,
    ),
    Org(
        "adultlearning",
        "Riverbend Adult Learning Center",
        "Free English, reading, GED and citizenship classes for adults.",
        1981,
    ),
    Org(
        "parks",
        "Riverbend Parks and Recreation",
        "Runs the Riverbend Community Center, the Northside Rec Center and the town's parks.",
        1948,
        legal_status="Government agency",
        main_line=True,
    ),
    Org(
        "college",
        "Riverbend Community College",
        "The county's community college.",
        1967,
        legal_status="Public college",
    ),
    Org(
        "frc",
        "Riverbend Family Resource Center",
        "A walk-in family resource center with community health workers, an emergency rent "
        "fund and a small pantry. (Not the public schools' family resource center.)",
        1993,
    ),
)

STEP_FREE = "Step-free entrance and accessible restroom."

PLACES: tuple[Place, ...] = (
    Place(
        "rcmhc-main",
        "rcmhc",
        "RCMHC Main Clinic",
        "210 Union Street",
        "Downtown",
        (1, -2),
        "Three-storey clinic on Union Street, across from the bus depot.",
        "Bus routes 1, 4 and 7 stop outside.",
        (STEP_FREE + " Lift to every floor.", "Hearing loop at the reception desk."),
    ),
    Place(
        "rcmhc-northgate",
        "rcmhc",
        "RCMHC Northgate Office",
        "48 Birch Row",
        "Northgate",
        (-1, 2),
        "Second-floor office above the pharmacy. There is no lift.",
        "Bus route 2, Birch Row stop.",
    ),
    Place(
        "porch",
        "rcmhc",
        "The Porch Peer Center",
        "15 Ferry Street",
        "Ferry Landing",
        (0, 1),
        "A house with a garden, run by peer specialists.",
        "Bus route 5, Ferry Street stop; bike rack.",
        ("Ramp to the front door; ground floor only.", "Accessible restroom on the ground floor."),
    ),
    Place(
        "crisis-center",
        "crisis",
        "Riverbend Crisis Stabilization Center",
        "400 Canal Road",
        "Riverside Flats",
        (2, 0),
        "A 16-bed crisis center open day and night.",
        "Bus route 3; free parking.",
        (STEP_FREE + " Wide doors and an accessible shower.", ""),
    ),
    Place(
        "deaf-center",
        "deaf",
        "Deaf Community Center",
        "77 Orchard Lane",
        "Cedar Park",
        (1, 1),
        "Community center designed for Deaf and hard-of-hearing visitors.",
        "Bus route 6, Orchard Lane stop.",
        (STEP_FREE, "Visual fire alarms; video phone in the lobby."),
    ),
    Place(
        "nfhc",
        "nfhc",
        "Riverbend Family Health Center, Northgate Avenue",
        "1200 Northgate Avenue",
        "Northgate",
        (2, -1),
        "Health center at the north end of Northgate Avenue.",
        "Bus routes 2 and 8.",
        (STEP_FREE + " Lift to the second floor.", "Wheelchairs to borrow at the front desk."),
    ),
    Place(
        "secondwind",
        "secondwind",
        "Second Wind Recovery Center",
        "32 Foundry Row",
        "Old Mill",
        (-1, 0),
        "Converted mill building with a café and meeting rooms.",
        "Bus route 4, Foundry Row stop.",
        ("Ramp at the side entrance on Mill Lane.", "Ring the bell; staff open the side door."),
    ),
    Place(
        "harmred",
        "harmred",
        "Lantern Hill Harm Reduction Storefront",
        "9 Quarry Road",
        "Lantern Hill",
        (0, -1),
        "Small storefront with a private side room.",
        "Bus route 9, Quarry Road stop. Two steps at the entrance.",
    ),
    Place(
        "withdrawal",
        "withdrawal",
        "Riverbend Withdrawal Management Center",
        "88 Willow Bend Road",
        "Riverside Flats",
        (-2, 1),
        "Residential treatment building with a separate outpatient entrance.",
        "Bus route 3; parking at the back.",
        (STEP_FREE, ""),
    ),
    Place(
        "housing",
        "housing",
        "Riverbend Housing Authority Office",
        "5 Civic Plaza",
        "Downtown",
        (0, 0),
        "Ground floor of the Civic Plaza building.",
        "All bus routes stop at Civic Plaza.",
        (STEP_FREE, "Large-print forms at the counter."),
    ),
    Place(
        "shelter-adult",
        "harborlight",
        "Harborlight Adult Shelter",
        "140 Water Street",
        "Riverside Flats",
        (1, 2),
        "Adult shelter with 60 beds.",
        "Bus route 3, Water Street stop.",
        ("Ground-floor dormitory with a step-free entrance.", "Accessible shower."),
    ),
    Place(
        "shelter-family",
        "harborlight",
        "Harborlight Family House",
        "22 Linden Court",
        "Cedar Park",
        (-1, -1),
        "Family shelter with private rooms.",
        "Bus route 6, Linden Court stop.",
    ),
    Place(
        "shelter-youth",
        "harborlight",
        "Harborlight Youth Drop-In",
        "61 Bridge Street",
        "Downtown",
        (2, 2),
        "Drop-in center and 12 shelter beds for young people.",
        "Bus routes 1 and 5.",
        (STEP_FREE, ""),
    ),
    Place(
        "safeharbor",
        "safeharbor",
        "Safe Harbor Outreach Office",
        "300 Elm Avenue",
        "Eastbank",
        (0, 1),
        "Public office for advocacy appointments. The shelter address is confidential.",
        "Bus route 7, Elm Avenue stop.",
        (STEP_FREE, "Private waiting room."),
    ),
    Place(
        "tenants",
        "tenants",
        "Tenant Rights Coalition Office",
        "17 Mill Street",
        "Old Mill",
        (1, 1),
        "Office behind the Old Mill post office.",
        "Bus route 4, Mill Street stop. Three steps at the door.",
    ),
    Place(
        "pantry-eastbank",
        "foodbank",
        "Eastbank Food Bank Pantry",
        "250 Depot Street",
        "Eastbank",
        (-1, 0),
        "Warehouse pantry; choose your own food.",
        "Bus route 7, Depot Street stop; shopping carts to borrow.",
        (
            "Step-free loading-dock entrance; wide aisles.",
            "Volunteers can carry bags to the bus stop.",
        ),
    ),
    Place(
        "pantry-lantern",
        "foodbank",
        "Lantern Hill Community Hall",
        "44 Lantern Hill Road",
        "Lantern Hill",
        (1, 0),
        "Community hall used by the pantry on Wednesdays.",
        "Bus route 9. Steep hill from the stop; six steps at the entrance.",
    ),
    Place(
        "cedar-lot",
        "foodbank",
        "Cedar Park Community Center parking lot",
        "2 Cedar Park Drive",
        "Cedar Park",
        (2, 1),
        "Outdoor parking lot where the mobile pantry truck parks.",
        "Bus route 6.",
        ("Level paved lot.", "Drive-up or walk-up."),
    ),
    Place(
        "kitchen",
        "kitchen",
        "Common Table Kitchen",
        "12 Canal Road",
        "Riverside Flats",
        (-1, -2),
        "Dining hall on the ground floor.",
        "Bus route 3, Canal Road stop.",
        (STEP_FREE, ""),
    ),
    Place(
        "dhs",
        "dhs",
        "Human Services Center",
        "1 Civic Plaza",
        "Downtown",
        (-1, 1),
        "County human services offices, first floor.",
        "All bus routes stop at Civic Plaza.",
        (STEP_FREE + " Lift.", "Sign-language interpreters on request."),
    ),
    Place(
        "legalaid",
        "legalaid",
        "Riverbend Legal Aid Office",
        "60 Union Street",
        "Downtown",
        (2, -1),
        "Office near the courthouse.",
        "Bus routes 1, 4 and 7.",
        (STEP_FREE, ""),
    ),
    Place(
        "transit",
        "transit",
        "Riverbend Valley Transit Customer Center",
        "2 Depot Street",
        "Eastbank",
        (1, -2),
        "Ticket office at the bus depot.",
        "Every bus route stops here.",
        (STEP_FREE, "Audio announcements and tactile paving."),
    ),
    Place(
        "workforce",
        "workforce",
        "Riverbend WorkForce Center",
        "500 Foundry Row",
        "Old Mill",
        (2, 1),
        "Job center with a computer room.",
        "Bus route 4, Foundry Row stop.",
        (STEP_FREE, "Screen-reader software on two computers."),
    ),
    Place(
        "bridgeworks",
        "bridgeworks",
        "Bridgeworks Office",
        "33 Elm Avenue",
        "Eastbank",
        (-2, 0),
        "Small office above a café.",
        "Bus route 7. Stairs only.",
    ),
    Place(
        "clubhouse",
        "clubhouse",
        "Riverside Clubhouse",
        "8 Water Street",
        "Riverside Flats",
        (0, -2),
        "Clubhouse with a kitchen, office unit and garden.",
        "Bus route 3.",
        (STEP_FREE, ""),
    ),
    Place(
        "somali",
        "somali",
        "Somali Community Association",
        "71 Elm Avenue",
        "Eastbank",
        (2, -2),
        "Community rooms on the first floor.",
        "Bus route 7.",
    ),
    Place(
        "vama",
        "vama",
        "Vietnamese American Mutual Aid Center",
        "19 Cedar Park Drive",
        "Cedar Park",
        (0, 2),
        "Community center with a dining room.",
        "Bus route 6.",
        (STEP_FREE, ""),
    ),
    Place(
        "lakay",
        "lakay",
        "Lakay Community Center",
        "26 Ferry Street",
        "Ferry Landing",
        (-1, -1),
        "Community center in a former boathouse.",
        "Bus route 5.",
    ),
    Place(
        "freeclinic",
        "freeclinic",
        "Riverbend Free Clinic",
        "90 Orchard Lane",
        "Cedar Park",
        (-2, 2),
        "Evening clinic in the Cedar Park medical building.",
        "Bus route 6.",
        (STEP_FREE, ""),
    ),
    Place(
        "library",
        "library",
        "Riverbend Central Library",
        "1 Library Square",
        "Downtown",
        (-2, -1),
        "Central library with a public computer room.",
        "All bus routes stop at Civic Plaza, two minutes' walk.",
        (STEP_FREE + " Lift.", "Screen readers and large-print keyboards."),
    ),
    Place(
        "veterans",
        "veterans",
        "Veterans Resource Center",
        "14 Bridge Street",
        "Downtown",
        (3, 1),
        "Ground-floor office.",
        "Bus routes 1 and 5.",
        (STEP_FREE, ""),
    ),
    Place(
        "seniors",
        "seniors",
        "Riverbend Senior Center",
        "300 Cedar Park Drive",
        "Cedar Park",
        (1, -2),
        "Senior center with a dining room and garden.",
        "Bus route 6; RiverRide stops at the door.",
        (STEP_FREE, "Hearing loop in the dining room."),
    ),
    Place(
        "frc",
        "schools",
        "Family Resource Center at Old Mill Elementary",
        "55 Mill Street",
        "Old Mill",
        (-2, -2),
        "Side entrance of the elementary school.",
        "Bus route 4.",
        (STEP_FREE, ""),
    ),
    Place(
        "wic",
        "wic",
        "Cedar Park WIC Office",
        "21 Cedar Park Drive",
        "Cedar Park",
        (1, 3),
        "Office next to the Vietnamese American Mutual Aid Center.",
        "Bus route 6.",
        (STEP_FREE, "Space for strollers."),
    ),
    # ---- places for the organizations the curriculum names
    Place(
        "library-cedar",
        "library",
        "Cedar Park Branch Library",
        "40 Linden Court",
        "Cedar Park",
        (-2, 0),
        "Branch library with a community room and a children's corner.",
        "Bus route 6, Linden Court stop.",
        (STEP_FREE, "Community room with a play corner."),
    ),
    Place(
        "wellness",
        "wellness",
        "Riverbend Community Wellness Office",
        "18 Union Street",
        "Downtown",
        (1, 2),
        "Office above the credit union; most work is done on home visits.",
        "Bus routes 1, 4 and 7.",
        (STEP_FREE + " Lift.", ""),
    ),
    Place(
        "seniorhealth",
        "seniorhealth",
        "Riverbend Senior Health Office",
        "302 Cedar Park Drive",
        "Cedar Park",
        (1, -1),
        "Office beside the Senior Center; staff visit people at home.",
        "Bus route 6.",
        (STEP_FREE, ""),
    ),
    Place(
        "familyclinic",
        "familyclinic",
        "Riverbend Family Clinic",
        "9 Ferry Street",
        "Ferry Landing",
        (1, 0),
        "Family practice in a converted house near the ferry.",
        "Bus route 5. Parking for trucks and trailers at the back.",
        (STEP_FREE + " Ramp at the side door.", ""),
    ),
    Place(
        "hospital",
        "hospital",
        "Riverbend General Hospital",
        "600 Northgate Avenue",
        "Northgate",
        (-2, -2),
        "Hospital campus; the emergency entrance is on Birch Row.",
        "Bus routes 2 and 8 stop at the main entrance.",
        (
            STEP_FREE + " Lifts in every building.",
            "ASL interpreters on call; video interpreting in the emergency department.",
        ),
    ),
    Place(
        "rrc",
        "rrc",
        "Riverbend Recovery Center",
        "120 Willow Bend Road",
        "Riverside Flats",
        (1, -1),
        "Clinic with a dosing window and counseling rooms.",
        "Bus route 3.",
        (STEP_FREE, ""),
    ),
    Place(
        "opendoor",
        "opendoor",
        "Open Door Counseling",
        "27 Library Square",
        "Downtown",
        (-1, 1),
        "Counseling rooms on the second floor of the Library Square building.",
        "All bus routes stop at Civic Plaza.",
        (STEP_FREE + " Lift.", "All-gender restrooms."),
    ),
    Place(
        "familyservices",
        "familyservices",
        "Riverbend Family Services",
        "45 Elm Avenue",
        "Eastbank",
        (1, 1),
        "Counseling offices in a brick house.",
        "Bus route 7.",
        ("Ramp at the front door; counseling rooms on the ground floor.", ""),
    ),
    Place(
        "adultday",
        "adultday",
        "Riverbend Adult Day Center",
        "310 Cedar Park Drive",
        "Cedar Park",
        (2, -1),
        "Day center with a garden and a quiet room.",
        "Bus route 6; RiverRide stops at the door.",
        (STEP_FREE + " Accessible restrooms and showers.", ""),
    ),
    Place(
        "bridgeway",
        "bridgeway",
        "Bridgeway House",
        "70 Mill Street",
        "Old Mill",
        (0, 2),
        "Transitional housing with 24 private rooms and a shared kitchen.",
        "Bus route 4.",
        (STEP_FREE, "Two ground-floor accessible rooms."),
    ),
    Place(
        "action",
        "action",
        "Riverbend Community Action Office",
        "3 Civic Plaza",
        "Downtown",
        (1, -1),
        "Office on the second floor of Civic Plaza.",
        "All bus routes stop at Civic Plaza.",
        (STEP_FREE + " Lift.", ""),
    ),
    Place(
        "coop",
        "coop",
        "Electric Cooperative Member Office",
        "14 Mill Street",
        "Old Mill",
        (2, 0),
        "Member service counter; most help is by phone.",
        "Bus route 4.",
        (STEP_FREE, ""),
    ),
    Place(
        "eastside",
        "eastside",
        "Eastside Community Center",
        "88 Depot Street",
        "Eastbank",
        (1, 2),
        "Neighborhood center with a pantry room and meeting rooms.",
        "Bus route 7.",
        (STEP_FREE, "Interpreters, including ASL, can be booked for drop-in hours."),
    ),
    Place(
        "brigid",
        "brigid",
        "St. Brigid's Parish Hall",
        "5 Northgate Avenue",
        "Northgate",
        (1, 1),
        "Parish hall behind the church.",
        "Bus route 2, about twenty minutes from Eastbank.",
        ("Ramp from the parking lot.", ""),
    ),
    Place(
        "islamic",
        "islamic",
        "Riverbend Islamic Center",
        "16 Cedar Park Drive",
        "Cedar Park",
        (0, -1),
        "Mosque with a community hall used by the pantry.",
        "Bus route 6.",
        (STEP_FREE, "Separate entrances; the pantry hall is on the ground floor."),
    ),
    Place(
        "greaterhope",
        "greaterhope",
        "Greater Hope Baptist Church",
        "60 Lantern Hill Road",
        "Lantern Hill",
        (-1, 1),
        "Church with a fellowship hall and a choir loft upstairs.",
        "Bus route 9.",
        ("Fellowship hall is step-free from the side door; the choir loft has stairs only.", ""),
    ),
    Place(
        "adultlearning",
        "adultlearning",
        "Riverbend Adult Learning Center",
        "210 Foundry Row",
        "Old Mill",
        (1, -1),
        "Classrooms above the WorkForce Center car park.",
        "Bus route 4.",
        (STEP_FREE + " Lift.", "Childcare room during Saturday classes."),
    ),
    Place(
        "community-center",
        "parks",
        "Riverbend Community Center",
        "50 Canal Road",
        "Riverside Flats",
        (0, 2),
        "Gym, meeting rooms and a teaching kitchen.",
        "Bus route 3.",
        (STEP_FREE, ""),
    ),
    Place(
        "northside-rec",
        "parks",
        "Northside Rec Center",
        "900 Northgate Avenue",
        "Northgate",
        (2, 1),
        "Gym and two outdoor courts.",
        "Bus route 8.",
        (STEP_FREE, ""),
    ),
    Place(
        "frc-walkin",
        "frc",
        "Riverbend Family Resource Center",
        "12 Elm Avenue",
        "Eastbank",
        (-1, -1),
        "Storefront center with a play corner and a pantry shelf.",
        "Bus route 7.",
        (STEP_FREE, "Space for strollers."),
    ),
    Place(
        "college",
        "college",
        "Riverbend Community College, Student Center",
        "1 College Way",
        "Lantern Hill",
        (2, 2),
        "Student Center, ground floor, room 114.",
        "Bus route 9 to College Way.",
        (STEP_FREE + " Lift.", "Quiet room for exams."),
    ),
)

ONLINE: tuple[Online, ...] = (
    Online(
        "dhs-online",
        "dhs",
        "Riverbend Benefits Online",
        "https://benefits.riverbend.example",
        "The county's benefits website: apply any time, day or night.",
    ),
)


def S(
    org: str,
    name: str,
    cats: str,
    description: str,
    places: Sequence[str],
    hours: Iterable[Hours],
    languages: str,
    costs: tuple[Cost, ...],
    eligibility: str,
    application: str,
    **more: object,
) -> Service:
    """Shorthand: categories and languages as comma-separated strings.

    ``cats`` may be empty for a service that fits none of the need categories (a class, a
    league): it is still found by a words search.
    """
    return Service(
        org,
        name,
        tuple(c for c in cats.split(",") if c),
        description,
        tuple(places),
        tuple(hours),
        tuple(x.strip() for x in languages.split(",")),
        costs,
        eligibility,
        application,
        **more,
    )  # type: ignore[arg-type]


EN_ES = "English, Spanish"

SERVICES: tuple[Service, ...] = (
    # ---- mental health
    S(
        "rcmhc",
        "Adult Outpatient Counseling",
        "mental-health",
        "Individual and group counseling for adults with depression, anxiety, trauma and other "
        "mental health concerns.",
        ["rcmhc-main", "rcmhc-northgate"],
        [
            Hours("MO,TU,WE,TH", "08:30", "19:00", place="rcmhc-main"),
            Hours("FR", "08:30", "17:00", place="rcmhc-main"),
            Hours("TU,TH", "10:00", "18:00", place="rcmhc-northgate"),
        ],
        "English, Spanish, Vietnamese",
        sliding(140),
        "Adults 18 and over who live in Riverbend County.",
        "Call to book an intake appointment, or come to Same-Day Access.",
        min_age=18,
        interpretation="Phone interpreters for any other language, at no cost.",
        fees="Sliding scale by household income; nobody is turned away for inability to pay.",
    ),
    S(
        "rcmhc",
        "Same-Day Access Walk-In Assessment",
        "mental-health",
        "Walk in for a first mental health assessment and leave with a plan and, if needed, an "
        "appointment.",
        ["rcmhc-main"],
        [Hours(WEEKDAYS, "08:30", "15:00")],
        EN_ES,
        FREE,
        "Anyone 12 or older; under-18s come with a parent or guardian.",
        "Walk in before 15:00 and expect to stay about two hours.",
        min_age=12,
    ),
    S(
        "rcmhc",
        "Psychiatric Medication Clinic",
        "mental-health",
        "Assessment and follow-up for psychiatric medication by psychiatrists and nurse "
        "practitioners.",
        ["rcmhc-main"],
        [Hours("MO,WE,FR", "09:00", "16:00")],
        EN_ES,
        (
            Cost("Medicaid or Medicare", 0, "per visit"),
            Cost("No insurance: sliding scale, lowest band", 15, "per visit"),
            Cost("No insurance: full fee", 180, "per visit"),
        ),
        "Adults 18 and over who see an RCMHC counselor.",
        "Ask your RCMHC counselor for a referral.",
        min_age=18,
        fees="Medicaid and Medicare accepted; sliding scale without insurance.",
    ),
    S(
        "rcmhc",
        "Child and Family Counseling",
        "mental-health",
        "Counseling for children and teenagers, with their parents or carers.",
        ["rcmhc-main"],
        [Hours("MO,TU,WE,TH", "12:00", "19:00"), Hours("SA", "09:00", "13:00")],
        "English, Spanish, Somali",
        sliding(120),
        "Children and teenagers aged 4 to 17 and their families.",
        "A parent or guardian calls to book.",
        min_age=4,
        max_age=17,
        fees="Sliding scale by household income.",
    ),
    S(
        "rcmhc",
        "The Porch Peer Support Drop-In",
        "mental-health",
        "Drop in for coffee, conversation and support from peer specialists who have lived "
        "experience of mental health and substance use challenges. Also weekly peer groups "
        "(Thursday afternoons: 'getting back out there') and one-to-one peer support by "
        "appointment, at The Porch or the main clinic.",
        ["porch"],
        [Hours(WEEKDAYS, "10:00", "16:00"), Hours("SA", "11:00", "15:00")],
        EN_ES,
        FREE,
        "Adults 18 and over. No referral or appointment needed.",
        "Just come in.",
        min_age=18,
        alternate_name="Peer Support Program",
    ),
    S(
        "warmline",
        "Peer Warmline",
        "mental-health",
        "Call to talk with a peer who has lived experience. Not a crisis line: in a crisis, call "
        "the Riverbend Crisis Line." + CRISIS_NOTE,
        [],
        [Hours(EVERY_DAY, "17:00", "23:00")],
        EN_ES,
        FREE,
        "Adults 18 and over who want someone to talk to.",
        "Call during opening hours.",
        min_age=18,
    ),
    S(
        "deaf",
        "ASL Counseling Service",
        "mental-health",
        "Counseling delivered directly in American Sign Language by Deaf and signing counselors.",
        ["deaf-center"],
        [Hours("TU,WE,TH", "09:00", "17:00")],
        "American Sign Language, English",
        sliding(90),
        "Deaf, DeafBlind and hard-of-hearing people aged 14 and over.",
        "Video call or text to book.",
        min_age=14,
        phone_type="video",
        fees="Sliding scale by household income.",
    ),
    S(
        "deaf",
        "Deaf Peer Support Group",
        "mental-health",
        "A weekly peer support group held in ASL.",
        ["deaf-center"],
        [Hours("WE", "18:00", "20:00")],
        "American Sign Language",
        FREE,
        "Deaf and hard-of-hearing adults.",
        "Just come.",
        min_age=18,
        phone_type="video",
    ),
    S(
        "nfhc",
        "Integrated Behavioral Health",
        "mental-health",
        "Counselors who work with your doctor, in the same health center.",
        ["nfhc"],
        [Hours(WEEKDAYS, "08:00", "17:00")],
        "English, Spanish, Arabic",
        sliding(60),
        "Patients of Northgate Family Health Center, any age.",
        "Ask your doctor, or call the front desk.",
        fees="Sliding scale; Medicaid accepted.",
    ),
    S(
        "freeclinic",
        "Evening Counseling at the Free Clinic",
        "mental-health",
        "Short-term counseling by volunteer clinicians.",
        ["freeclinic"],
        [Hours("TU,TH", "18:00", "21:00")],
        EN_ES,
        FREE,
        "Adults 18 and over without health insurance.",
        "Call to book; a few walk-in slots.",
        min_age=18,
    ),
    S(
        "clubhouse",
        "Clubhouse Work-Ordered Day",
        "mental-health,employment",
        "Members and staff run the clubhouse together: kitchen, office and outreach units, plus "
        "help finding work.",
        ["clubhouse"],
        [Hours(WEEKDAYS, "09:00", "16:00")],
        EN_ES,
        FREE,
        "Adults 18 and over living with mental illness. Membership is free and voluntary.",
        "Visit for a tour, then join.",
        min_age=18,
    ),
    S(
        "somali",
        "Family Wellbeing Circle",
        "mental-health",
        "A weekly support circle in Somali on stress, family life and wellbeing.",
        ["somali"],
        [Hours("SU", "14:00", "16:00")],
        "Somali",
        FREE,
        "Somali-speaking adults and families.",
        "Just come.",
        min_age=18,
    ),
    S(
        "lakay",
        "Kreyòl Support Group",
        "mental-health",
        "A weekly support group in Haitian Creole for adults coping with stress and loss.",
        ["lakay"],
        [Hours("TH", "18:00", "19:30")],
        "Haitian Creole",
        FREE,
        "Adults who speak Haitian Creole.",
        "Just come.",
        min_age=18,
    ),
    S(
        "veterans",
        "Veteran Peer Support",
        "mental-health",
        "One-to-one and group peer support from fellow veterans.",
        ["veterans"],
        [Hours(WEEKDAYS, "09:00", "17:00")],
        "English",
        FREE,
        "Veterans of any era and their family members.",
        "Call or walk in.",
        alternate_name="Riverbend Veterans Outreach peer support",
    ),
    # ---- crisis
    S(
        "crisis",
        "Riverbend Crisis Line",
        "crisis,mental-health",
        "Talk to a trained crisis counselor day or night about a mental health or substance use "
        "crisis, for yourself or someone else." + CRISIS_NOTE,
        [],
        around_the_clock(),
        EN_ES,
        FREE,
        "Anyone in Riverbend County, any age.",
        "Call any time.",
        interpretation="Phone interpreters for any language.",
    ),
    S(
        "crisis",
        "Mobile Crisis Team",
        "crisis",
        "Two crisis workers come to the person (home, school, street) to help calm the "
        "situation and plan next steps." + CRISIS_NOTE,
        [],
        around_the_clock(),
        EN_ES,
        FREE,
        "Anyone in Riverbend County in a mental health or substance use crisis, any age.",
        "Call the Riverbend Crisis Line and ask for the mobile team.",
        interpretation="Phone interpreters for any language.",
    ),
    S(
        "crisis",
        "Crisis Stabilization Unit",
        "crisis,mental-health",
        "Walk-in crisis care and short stays (up to 5 days) as an alternative to the emergency "
        "room." + CRISIS_NOTE,
        ["crisis-center"],
        around_the_clock(),
        EN_ES,
        FREE,
        "Adults 18 and over in a mental health or substance use crisis.",
        "Walk in, or come with the Mobile Crisis Team or police.",
        min_age=18,
        interpretation="Video interpreters for ASL and other languages.",
    ),
    S(
        "crisis",
        "Youth Crisis Respite",
        "crisis",
        "Short crisis stays for young people, with family support." + CRISIS_NOTE,
        ["crisis-center"],
        around_the_clock(),
        EN_ES,
        FREE,
        "Young people aged 10 to 17.",
        "Referral by the Mobile Crisis Team.",
        min_age=10,
        max_age=17,
        status="temporarily closed",
        alert="Closed for renovation. Meanwhile the Mobile Crisis Team serves young people.",
    ),
    S(
        "crisis",
        "Crisis Text Line",
        "crisis",
        "Text with a crisis counselor in the afternoon, evening and night." + CRISIS_NOTE,
        [],
        [Hours(EVERY_DAY, "14:00", "02:00", note="Every day from 14:00 to 02:00 the next day")],
        EN_ES,
        FREE,
        "Anyone in Riverbend County, any age.",
        "Text any time it is open.",
        phone_type="text",
    ),
    S(
        "safeharbor",
        "24-Hour Domestic Violence Hotline",
        "crisis",
        "Confidential support, safety planning and shelter intake for people experiencing "
        "domestic violence." + CRISIS_NOTE,
        [],
        around_the_clock(),
        EN_ES,
        FREE,
        "Anyone affected by domestic or dating violence, any gender, any age.",
        "Call any time.",
        interpretation="Phone interpreters for any language.",
    ),
    S(
        "safeharbor",
        "Confidential Emergency Safe Shelter",
        "housing,crisis",
        "A safe place to stay for survivors of domestic violence and their children. The "
        "address is confidential.",
        [],
        around_the_clock(),
        EN_ES,
        FREE,
        "Survivors of domestic violence and their children.",
        "Call the 24-Hour Domestic Violence Hotline for intake.",
    ),
    # ---- substance use
    S(
        "nfhc",
        "Medication for Opioid Use Disorder Clinic",
        "substance-use",
        "Buprenorphine treatment with counseling, often starting the same week.",
        ["nfhc"],
        [Hours(WEEKDAYS, "07:00", "15:00"), Hours("SA", "08:00", "12:00")],
        EN_ES,
        sliding(80),
        "Adults 18 and over with opioid use disorder.",
        "Call or walk in before 11:00.",
        min_age=18,
        fees="Sliding scale; Medicaid accepted.",
    ),
    S(
        "secondwind",
        "Peer Recovery Coaching",
        "substance-use",
        "One-to-one coaching from trained peers in long-term recovery, for any pathway to "
        "recovery.",
        ["secondwind"],
        [Hours(WEEKDAYS, "09:00", "18:00")],
        EN_ES,
        FREE,
        "Adults 18 and over in or seeking recovery, and their families.",
        "Walk in or call.",
        min_age=18,
    ),
    S(
        "secondwind",
        "All-Recovery Meetings",
        "substance-use",
        "Mutual-help meetings open to people on any recovery pathway.",
        ["secondwind"],
        [Hours("MO,WE,FR", "18:30", "20:00"), Hours("SA", "10:00", "11:30")],
        "English",
        FREE,
        "Anyone who wants to attend.",
        "Just come.",
    ),
    S(
        "secondwind",
        "Naloxone Training and Kits",
        "substance-use",
        "Learn to recognise an opioid overdose and use naloxone; take a free kit home.",
        ["secondwind"],
        [Hours("TU,TH", "12:00", "16:00")],
        EN_ES,
        FREE,
        "Anyone aged 14 and over.",
        "Walk in; training takes 20 minutes.",
        min_age=14,
    ),
    S(
        "secondwind",
        "Recovery Café Community Lunch",
        "food,substance-use",
        "A free Saturday lunch in a substance-free café.",
        ["secondwind"],
        [Hours("SA", "12:00", "14:00")],
        "English",
        FREE,
        "Everyone welcome.",
        "Just come.",
    ),
    S(
        "harmred",
        "Syringe Services and Safer-Use Supplies",
        "substance-use",
        "Sterile syringes, fentanyl test strips, naloxone, sharps disposal and referrals. No ID "
        "and no names needed.",
        ["harmred"],
        [Hours("MO,WE,FR", "11:00", "18:00")],
        EN_ES,
        FREE,
        "Anyone who uses drugs.",
        "Walk in.",
    ),
    S(
        "harmred",
        "Harm Reduction Outreach Van",
        "substance-use",
        "The van visits parks and encampments with supplies, naloxone and a friendly face.",
        [],
        [Hours("TU,TH", "19:00", "23:00")],
        EN_ES,
        FREE,
        "Anyone who uses drugs.",
        "Call or text to find where the van is tonight.",
        phone_type="text",
    ),
    S(
        "withdrawal",
        "Medically Monitored Withdrawal",
        "substance-use",
        "24-hour medical care for withdrawal from alcohol, opioids and other drugs (3 to 7 days).",
        ["withdrawal"],
        around_the_clock(),
        EN_ES,
        (
            Cost("Medicaid", 0, "per day"),
            Cost("No insurance: sliding scale, lowest band", 0, "per day"),
            Cost("No insurance: full fee", 450, "per day"),
        ),
        "Adults 18 and over.",
        "Call for a phone screening; beds are first come, first served.",
        min_age=18,
        fees="Medicaid accepted; sliding scale without insurance.",
    ),
    S(
        "withdrawal",
        "Evening Intensive Outpatient Program",
        "substance-use",
        "Group treatment three evenings a week for people who work or study.",
        ["withdrawal"],
        [Hours("MO,TU,TH", "17:30", "20:30")],
        "English",
        sliding(95),
        "Adults 18 and over.",
        "Call for an assessment.",
        min_age=18,
        fees="Sliding scale by household income.",
    ),
    # ---- housing
    S(
        "housing",
        "Public Housing Applications",
        "housing",
        "Apply for an apartment in Riverbend's public housing.",
        ["housing"],
        [Hours("MO,TU,WE,TH", "08:00", "16:30")],
        "English, Spanish, Vietnamese, Somali",
        FREE,
        "Households with low income; at least one member is a US citizen or eligible immigrant.",
        "Pick up or download the application and return it with documents.",
        documents=("Photo ID for every adult", "Proof of income for the last 30 days"),
    ),
    S(
        "housing",
        "Housing Choice Voucher Waitlist",
        "housing",
        "Rent help vouchers for private apartments.",
        ["housing"],
        [Hours("MO,TU,WE,TH", "08:00", "16:30")],
        "English, Spanish",
        FREE,
        "Households with very low income.",
        "The waitlist is closed.",
        status="inactive",
        alert="The waitlist is closed. Watch for a reopening notice.",
    ),
    S(
        "harborlight",
        "Emergency Night Shelter for Adults",
        "housing",
        "A bed, shower, supper and breakfast. Beds are one night at a time; a guest working "
        "with the shelter's case aide can book a stay of up to 30 nights.",
        ["shelter-adult"],
        [
            Hours(
                EVERY_DAY, "19:00", "07:00", note="Every night from 19:00 to 07:00 the next morning"
            )
        ],
        EN_ES,
        FREE,
        "Adults 18 and over.",
        "Line up from 18:30; beds are first come, first served. Call after 17:00 to check beds.",
        min_age=18,
        alternate_name="Riverbend Emergency Shelter",
    ),
    S(
        "harborlight",
        "Family Emergency Shelter",
        "housing",
        "Private rooms for families with children, with case management.",
        ["shelter-family"],
        around_the_clock(),
        "English, Spanish, Haitian Creole",
        FREE,
        "Families with children under 18, and pregnant people.",
        "Call first for intake.",
    ),
    S(
        "harborlight",
        "Youth Drop-In and Shelter Beds",
        "housing",
        "An after-school drop-in for teenagers and young adults (pool table, homework help, "
        "meals, showers and laundry) with youth peer support workers and a supervisor on site, "
        "and 12 shelter beds.",
        ["shelter-youth"],
        [Hours(WEEKDAYS, "12:00", "20:00")],
        EN_ES,
        FREE,
        "Young people aged 12 to 24 for drop-in; shelter beds for ages 16 to 24.",
        "Walk in during drop-in hours.",
        min_age=12,
        max_age=24,
        alternate_name="Riverbend Youth Drop-in Center",
    ),
    S(
        "harborlight",
        "Winter Warming Center",
        "housing",
        "Extra overnight space on winter nights: a warm place, hot drinks and a mat.",
        ["shelter-adult"],
        [
            Hours(
                EVERY_DAY,
                "20:00",
                "08:00",
                valid_from="2026-11-15",
                valid_to="2027-03-31",
                note="Winter nights only, from 20:00 to 08:00",
            )
        ],
        EN_ES,
        FREE,
        "Adults 18 and over.",
        "Just come.",
        min_age=18,
    ),
    S(
        "tenants",
        "Eviction Prevention Clinic",
        "housing,legal",
        "Tenant advocates explain your rights, help answer court papers and negotiate with "
        "landlords.",
        ["tenants"],
        [Hours("TU", "17:00", "20:00"), Hours("SA", "10:00", "13:00")],
        "English, Spanish, Haitian Creole",
        FREE,
        "Riverbend tenants.",
        "Walk in; bring any papers from your landlord or the court.",
    ),
    S(
        "tenants",
        "Emergency Rental Assistance Fund",
        "housing,benefits",
        "One-time help with back rent to stop an eviction.",
        ["tenants"],
        [Hours("TU", "17:00", "20:00")],
        EN_ES,
        FREE,
        "Riverbend tenants with low income facing eviction.",
        "Apply at the clinic.",
        status="temporarily closed",
        alert="This year's funds are used up. Applications reopen in July.",
    ),
    S(
        "veterans",
        "Veteran Housing Navigator",
        "housing",
        "Help finding and keeping housing for veterans who are homeless or about to be.",
        ["veterans"],
        [Hours(WEEKDAYS, "09:00", "17:00")],
        "English",
        FREE,
        "Veterans and their families.",
        "Call or walk in.",
    ),
    S(
        "schools",
        "Family Liaison for Students Without Stable Housing",
        "housing,benefits",
        "Helps students who are homeless or doubled up stay in school: transport, supplies, "
        "meals and referrals.",
        ["frc"],
        [Hours(WEEKDAYS, "08:00", "16:00")],
        "English, Spanish, Somali",
        FREE,
        "Riverbend public school students and their families.",
        "Call or ask at any school.",
        max_age=21,
    ),
    # ---- food
    S(
        "foodbank",
        "Food Pantry",
        "food",
        "Choose groceries, fresh produce and household items.",
        ["pantry-eastbank", "pantry-lantern"],
        [
            Hours("TU,TH", "10:00", "18:00", place="pantry-eastbank"),
            Hours("SA", "09:00", "12:00", place="pantry-eastbank"),
            Hours("WE", "15:00", "19:00", place="pantry-lantern"),
        ],
        "English, Spanish, Vietnamese, Somali",
        FREE,
        "Riverbend County residents; one visit a week. No ID needed on the first visit.",
        "Walk in during pantry hours.",
    ),
    S(
        "foodbank",
        "Mobile Pantry",
        "food",
        "A truck of fresh food that parks in Cedar Park once a month.",
        ["cedar-lot"],
        [
            Hours(
                "2SA",
                "09:00",
                "11:00",
                freq="MONTHLY",
                note="Second Saturday of every month, 09:00 to 11:00",
            )
        ],
        EN_ES,
        FREE,
        "Anyone.",
        "Come early; food runs out.",
    ),
    S(
        "foodbank",
        "Senior Grocery Boxes",
        "food",
        "A box of shelf-stable groceries every Friday.",
        ["pantry-eastbank"],
        [Hours("FR", "10:00", "13:00")],
        "English, Spanish, Vietnamese",
        FREE,
        "Adults aged 60 and over with low income.",
        "Sign up at the pantry.",
        min_age=60,
    ),
    S(
        "kitchen",
        "Free Hot Lunch",
        "food",
        "A hot lunch every day, no questions asked.",
        ["kitchen"],
        [Hours(EVERY_DAY, "11:30", "13:30")],
        EN_ES,
        FREE,
        "Everyone welcome.",
        "Just come.",
    ),
    S(
        "kitchen",
        "Community Supper",
        "food",
        "A sit-down supper three evenings a week.",
        ["kitchen"],
        [Hours("MO,WE,FR", "17:00", "18:30")],
        EN_ES,
        FREE,
        "Everyone welcome.",
        "Just come.",
    ),
    S(
        "vama",
        "Senior Lunch Club",
        "food",
        "Vietnamese home-style lunch and company for older adults.",
        ["vama"],
        [Hours("MO,WE", "11:30", "13:00")],
        "Vietnamese, English",
        (
            Cost("Free for anyone who cannot pay", 0, "per meal"),
            Cost("Suggested donation", 2, "per meal"),
        ),
        "Adults aged 60 and over.",
        "Just come.",
        min_age=60,
    ),
    S(
        "seniors",
        "Senior Congregate Meals",
        "food",
        "A nutritious lunch with company, weekdays.",
        ["seniors"],
        [Hours(WEEKDAYS, "11:30", "12:30")],
        EN_ES,
        (
            Cost("Free for anyone who cannot pay", 0, "per meal"),
            Cost("Suggested donation", 3, "per meal"),
        ),
        "Adults aged 60 and over and their spouses.",
        "Call the day before to reserve.",
        min_age=60,
    ),
    S(
        "schools",
        "Summer Meals for Kids",
        "food",
        "Free breakfast and lunch for children on summer weekdays.",
        ["frc"],
        [
            Hours(
                WEEKDAYS,
                "11:00",
                "13:00",
                valid_from="2027-06-14",
                valid_to="2027-08-20",
                note="Summer holidays only",
            )
        ],
        "English, Spanish, Somali",
        FREE,
        "Children and teenagers 18 and under.",
        "Just come.",
        max_age=18,
    ),
    S(
        "wic",
        "WIC Nutrition Program",
        "food,benefits",
        "Healthy food benefits, breastfeeding support and nutrition advice.",
        ["wic"],
        [Hours("MO,TU,WE,FR", "08:00", "17:00"), Hours("TH", "08:00", "19:00")],
        "English, Spanish, Arabic",
        FREE,
        "Pregnant and postpartum people, and children under 5, with low income.",
        "Call to book an appointment.",
    ),
    # ---- benefits
    S(
        "nfhc",
        "Health Insurance Enrollment Help",
        "benefits",
        "Help applying for Medicaid and marketplace health insurance.",
        ["nfhc"],
        [Hours("TU,TH", "09:00", "16:00")],
        "English, Spanish, Arabic, Vietnamese",
        FREE,
        "Anyone who needs health insurance.",
        "Walk in or call.",
    ),
    S(
        "dhs",
        "SNAP Food Benefits Applications",
        "benefits,food",
        "Apply for SNAP food benefits and get help with renewals.",
        ["dhs", "dhs-online"],
        [Hours(WEEKDAYS, "08:00", "16:30", place="dhs"), *around_the_clock("dhs-online")],
        "English, Spanish, Vietnamese, Somali, Arabic, Haitian Creole",
        FREE,
        "Households with low income.",
        "Apply online any time, or in person.",
        documents=("Proof of identity", "Proof of income", "Proof of address"),
        own_phone=False,
    ),
    S(
        "dhs",
        "Medicaid Enrollment",
        "benefits",
        "Apply for Medicaid health coverage.",
        ["dhs", "dhs-online"],
        [Hours(WEEKDAYS, "08:00", "16:30", place="dhs"), *around_the_clock("dhs-online")],
        "English, Spanish, Vietnamese",
        FREE,
        "People with low income.",
        "Apply online any time, or in person.",
        own_phone=False,
    ),
    S(
        "dhs",
        "Cash Assistance for Families",
        "benefits",
        "Monthly cash help for families with children.",
        ["dhs"],
        [Hours(WEEKDAYS, "08:00", "16:30")],
        EN_ES,
        FREE,
        "Families with children under 18 and very low income.",
        "Apply in person.",
        own_phone=False,
    ),
    S(
        "dhs",
        "Energy and Utility Assistance",
        "benefits",
        "Help paying heating and electric bills in the cold months.",
        ["dhs"],
        [
            Hours(
                "MO,WE",
                "09:00",
                "15:00",
                valid_from="2026-10-01",
                valid_to="2027-04-30",
                note="October to April only",
            )
        ],
        EN_ES,
        FREE,
        "Households with low income behind on or struggling with energy bills.",
        "Bring a recent bill.",
        own_phone=False,
    ),
    S(
        "somali",
        "Community Navigation in Somali and Arabic",
        "benefits",
        "Help with forms, benefits, school and appointments, in Somali and Arabic.",
        ["somali"],
        [Hours("MO,TU,WE,TH,SA", "10:00", "17:00")],
        "Somali, Arabic, English",
        FREE,
        "Anyone who speaks Somali or Arabic.",
        "Walk in.",
    ),
    S(
        "vama",
        "Benefits Help in Vietnamese",
        "benefits",
        "Help applying for and keeping benefits, in Vietnamese.",
        ["vama"],
        [Hours("TU,TH,SA", "09:00", "13:00")],
        "Vietnamese, English",
        FREE,
        "Anyone who prefers Vietnamese.",
        "Walk in or call.",
    ),
    S(
        "lakay",
        "Immigration and Benefits Navigation",
        "benefits,legal",
        "Help with benefits, immigration paperwork and finding a lawyer, in Haitian Creole and "
        "French.",
        ["lakay"],
        [Hours(WEEKDAYS, "09:00", "17:00")],
        "Haitian Creole, French, English",
        FREE,
        "Anyone; Haitian families especially welcome.",
        "Walk in.",
    ),
    S(
        "seniors",
        "Medicare Counseling",
        "benefits",
        "Unbiased help choosing and using Medicare plans.",
        ["seniors"],
        [Hours("WE", "09:00", "12:00")],
        "English",
        FREE,
        "People with Medicare (aged 65 and over, or with a disability).",
        "Call to book a 45-minute appointment.",
    ),
    S(
        "taxhelp",
        "Free Tax Preparation",
        "benefits",
        "Volunteers prepare and file your tax return and check for tax credits.",
        ["library"],
        [
            Hours(
                "TU,TH",
                "16:00",
                "20:00",
                valid_from="2027-01-25",
                valid_to="2027-04-15",
                note="Tax season only",
            ),
            Hours(
                "SA",
                "09:00",
                "13:00",
                valid_from="2027-01-25",
                valid_to="2027-04-15",
                note="Tax season only",
            ),
        ],
        EN_ES,
        FREE,
        "Households with low to moderate income.",
        "Bring all tax forms and photo ID.",
    ),
    S(
        "library",
        "Digital Help Desk",
        "employment,benefits",
        "Library staff help with email, online applications, resumes and job sites.",
        ["library"],
        [Hours("MO,TU,WE,TH,FR,SA", "10:00", "17:00")],
        EN_ES,
        FREE,
        "Everyone welcome.",
        "Walk in.",
        alternate_name="Library Job Lab",
    ),
    # ---- legal
    S(
        "legalaid",
        "Civil Legal Help Line",
        "legal",
        "Advice by phone on housing, benefits, family and debt problems.",
        [],
        [Hours("MO,TU,WE,TH", "09:00", "17:00")],
        EN_ES,
        FREE,
        "Riverbend County residents with low income, 18 and over.",
        "Call.",
        min_age=18,
        interpretation="Phone interpreters for any language.",
    ),
    S(
        "legalaid",
        "Housing Court Defense",
        "legal,housing",
        "A lawyer for tenants with an eviction case in housing court.",
        ["legalaid"],
        [Hours("TU,TH", "09:00", "12:00")],
        EN_ES,
        FREE,
        "Tenants with low income who have received court papers.",
        "Call the Civil Legal Help Line or walk in with your papers.",
        own_phone=False,
    ),
    S(
        "legalaid",
        "Benefits Appeals",
        "legal,benefits",
        "Help appealing a denied or cut benefit (SNAP, Medicaid, disability).",
        ["legalaid"],
        [Hours("WE", "13:00", "17:00")],
        EN_ES,
        FREE,
        "People with low income.",
        "Bring the denial letter; deadlines are short.",
        own_phone=False,
    ),
    S(
        "legalaid",
        "Immigration Legal Clinic",
        "legal",
        "Consultations with immigration lawyers, and help with applications.",
        ["legalaid"],
        [
            Hours(
                "1SA,3SA",
                "10:00",
                "14:00",
                freq="MONTHLY",
                note="First and third Saturday of the month",
            )
        ],
        "English, Spanish, Haitian Creole, Arabic",
        (
            Cost("Consultation", 0, "per visit"),
            Cost("Help with an application", 50, "per application"),
        ),
        "Immigrants with low income.",
        "Call to book.",
        own_phone=False,
    ),
    S(
        "legalaid",
        "Record Clearing Clinic",
        "legal,employment",
        "Find out whether old convictions can be cleared, and start the paperwork.",
        ["legalaid"],
        [Hours("-1WE", "17:00", "20:00", freq="MONTHLY", note="Last Wednesday of the month")],
        EN_ES,
        FREE,
        "Anyone with a record.",
        "Walk in.",
        own_phone=False,
    ),
    S(
        "safeharbor",
        "Legal Advocacy and Protective Orders",
        "legal",
        "Advocates help survivors apply for protective orders and go with them to court.",
        ["safeharbor"],
        [Hours(WEEKDAYS, "09:00", "17:00")],
        "English, Spanish, Somali",
        FREE,
        "Survivors of domestic violence.",
        "Call the hotline or the office.",
    ),
    # ---- transport
    S(
        "transit",
        "Reduced Fare Bus Pass",
        "transport",
        "A monthly bus pass at a reduced price.",
        ["transit"],
        [Hours(WEEKDAYS, "07:30", "17:30")],
        EN_ES,
        (Cost("Monthly reduced-fare pass", 15, "per month"),),
        "People aged 65 and over, people with a disability, and people on SNAP or Medicaid.",
        "Apply at the Customer Center with proof.",
        documents=("Proof of age, disability, SNAP or Medicaid",),
    ),
    S(
        "transit",
        "RiverRide Paratransit",
        "transport",
        "Door-to-door shared rides for people who cannot use the regular bus.",
        [],
        [Hours(EVERY_DAY, "06:00", "22:00")],
        EN_ES,
        (Cost("One ride", 2.5, "per ride"),),
        "People whose disability prevents them from using the regular bus.",
        "Apply, then book rides by phone the day before.",
    ),
    S(
        "transit",
        "Bus Token Program",
        "transport",
        "Free bus tokens for agencies to give clients.",
        [],
        [],
        "English",
        FREE,
        "Clients of partner agencies.",
        "Ended.",
        status="defunct",
        alert="This program has ended; the Reduced Fare Bus Pass replaced it.",
    ),
    S(
        "dhs",
        "Medical Transportation Line",
        "transport",
        "Free rides to medical appointments for Medicaid members.",
        [],
        [Hours(WEEKDAYS, "07:00", "18:00")],
        EN_ES,
        FREE,
        "Medicaid members going to covered medical appointments.",
        "Call at least two working days before the appointment.",
    ),
    S(
        "drivers",
        "Volunteer Rides to Appointments",
        "transport",
        "Volunteer drivers take you to medical and social service appointments.",
        [],
        [Hours(WEEKDAYS, "09:00", "15:00", note="Booking line hours")],
        "English",
        (Cost("Free; donations welcome", 0, "per ride"),),
        "Adults 60 and over, and adults with a disability, who cannot use the bus.",
        "Call at least three days ahead.",
        min_age=18,
    ),
    # ---- work
    S(
        "workforce",
        "Job Search and Career Coaching",
        "employment",
        "One-to-one coaching, job listings and training grants. The reentry desk works with "
        "employers that hire people with records and runs a second-chance hiring fair each "
        "season.",
        ["workforce"],
        [Hours(WEEKDAYS, "08:30", "16:30")],
        "English, Spanish, Vietnamese",
        FREE,
        "Anyone 18 and over looking for work.",
        "Walk in or book online.",
        min_age=18,
        alternate_name="RiverWorks Job Placement",
    ),
    S(
        "workforce",
        "Youth Jobs Program",
        "employment",
        "Paid summer and after-school jobs with a mentor.",
        ["workforce"],
        [Hours("MO,TU,WE,TH", "15:00", "18:00")],
        EN_ES,
        FREE,
        "Young people aged 16 to 24.",
        "Apply with a parent's signature if under 18.",
        min_age=16,
        max_age=24,
    ),
    S(
        "workforce",
        "Resume and Interview Workshop",
        "employment",
        "A two-hour workshop every Wednesday morning.",
        ["workforce"],
        [Hours("WE", "10:00", "12:00")],
        "English",
        FREE,
        "Anyone looking for work.",
        "Just come.",
    ),
    S(
        "bridgeworks",
        "Individual Placement and Support Employment",
        "employment,mental-health",
        "Employment specialists help you find and keep a regular paid job, working with your "
        "mental health team.",
        ["bridgeworks"],
        [Hours(WEEKDAYS, "09:00", "17:00")],
        EN_ES,
        FREE,
        "Adults 18 and over receiving mental health services who want a paid job.",
        "Ask your mental health worker, or call.",
        min_age=18,
    ),
    # ---- services the curriculum's role-plays and assignments name (numbers 175 and up)
    S(
        "wellness",
        "Community Health Worker Home Visits",
        "benefits,food,transport",
        "Community health workers visit you at home, in town or in the countryside, to help "
        "with food, bills, rides, appointments and forms, and link you to other services.",
        ["wellness"],
        [Hours(WEEKDAYS, "08:30", "17:00")],
        EN_ES,
        FREE,
        "Adults in Riverbend County referred by a clinic, or who call themselves.",
        "Call, or ask your clinic to refer you.",
        interpretation="Telephone interpreters for any language, at no cost.",
        alternate_name="Rural Outreach Program",
    ),
    S(
        "seniorhealth",
        "Home Visits for Older Adults",
        "benefits,food",
        "Community health workers, with a program nurse, visit older adults at home who live "
        "with diabetes and other long-term conditions: medicines, food, safety and staying "
        "independent.",
        ["seniorhealth"],
        [Hours(WEEKDAYS, "08:00", "16:30")],
        EN_ES,
        FREE,
        "Adults aged 60 and over who live in Riverbend County.",
        "Call, or ask your doctor to refer you.",
        min_age=60,
        interpretation="Telephone interpreters for any language.",
        alternate_name="Riverbend Senior Health Program",
    ),
    S(
        "familyclinic",
        "Family Primary Care",
        "",
        "Check-ups, chronic illness care and same-day sick visits for all ages.",
        ["familyclinic"],
        [Hours(WEEKDAYS, "08:00", "17:00"), Hours("SA", "09:00", "12:00")],
        EN_ES,
        (
            Cost("Medicaid, Medicare and most insurance", 0, "per visit"),
            Cost("No insurance: self-pay visit", 95, "per visit"),
        ),
        "Anyone; new patients welcome.",
        "Call to book.",
        fees="Insurance accepted; self-pay price for people without insurance.",
    ),
    S(
        "hospital",
        "Emergency Department",
        "crisis",
        "Emergency care day and night, including for mental health emergencies." + CRISIS_NOTE,
        ["hospital"],
        around_the_clock(),
        EN_ES,
        (
            Cost(
                "Billed to insurance; financial assistance for people with low income",
                0,
                "per visit",
            ),
        ),
        "Anyone with an emergency.",
        "Walk in, or call 911.",
        own_phone=False,
        interpretation="Interpreters for any language, including ASL, day and night.",
    ),
    S(
        "hospital",
        "Hope After Loss Grief Support Group",
        "mental-health",
        "A grief support group for adults who have lost someone close, led by a hospital "
        "chaplain and a counselor.",
        ["hospital"],
        [Hours("WE", "18:00", "19:30")],
        "English",
        FREE,
        "Adults 18 and over who are grieving, whether or not the person died at the hospital.",
        "Call the coordinator to register.",
        min_age=18,
        own_phone=False,
        interpretation="ASL and spoken-language interpreters on request with two weeks' notice; "
        "ask for written confirmation.",
    ),
    S(
        "rrc",
        "Opioid Treatment Program",
        "substance-use",
        "Methadone and buprenorphine treatment with weekly counseling and recovery support.",
        ["rrc"],
        [Hours(WEEKDAYS, "06:00", "14:00"), Hours("SA,SU", "07:00", "10:00")],
        EN_ES,
        sliding(60, "per week"),
        "Adults 18 and over with opioid use disorder.",
        "Call for an intake appointment; same-week starts are common.",
        min_age=18,
        fees="Medicaid accepted; sliding scale without insurance.",
    ),
    S(
        "opendoor",
        "LGBTQ+ Affirming Counseling",
        "mental-health",
        "Counseling for adults, by counselors who use your chosen name and pronouns. A "
        "clinician can do a phone intake while you wait for a first appointment.",
        ["opendoor"],
        [Hours("MO,TU,WE,TH", "10:00", "20:00"), Hours("FR", "10:00", "16:00")],
        EN_ES,
        sliding(110),
        "Adults 18 and over.",
        "Call to book an intake; ask about the cancellation list.",
        min_age=18,
        fees="Sliding scale; Medicaid and most insurance accepted.",
    ),
    S(
        "familyservices",
        "Counseling for Adults and Families",
        "mental-health",
        "Individual, couples and family counseling.",
        ["familyservices"],
        [Hours("MO,TU,WE,TH", "09:00", "19:00")],
        "English, Spanish, Somali",
        sliding(100),
        "Anyone in Riverbend County.",
        "Call, or ask a worker to send a referral.",
        fees="Sliding scale by household income.",
    ),
    S(
        "adultday",
        "Adult Day Program and Caregiver Support",
        "",
        "A day program for older adults and people living with dementia, with meals, "
        "activities, a nurse on site and a caregiver support worker for families.",
        ["adultday"],
        [Hours(WEEKDAYS, "07:30", "17:30")],
        EN_ES,
        sliding(75, "per day"),
        "Adults 60 and over, and adults with disabilities, who need supervision in the day.",
        "Call for a visit and assessment.",
        min_age=18,
        fees="Sliding scale; Medicaid waiver accepted.",
    ),
    S(
        "bridgeway",
        "Bridgeway Transitional Housing",
        "housing",
        "Private rooms for up to 18 months, with a case manager, for adults leaving shelter.",
        ["bridgeway"],
        [Hours(WEEKDAYS, "09:00", "17:00", note="Office hours")],
        EN_ES,
        (Cost("Rent: 30% of income, or nothing with no income", 0, "per month"),),
        "Adults 18 and over who are homeless, referred by a shelter or outreach worker.",
        "A shelter or outreach worker sends a referral; Bridgeway then interviews the person.",
        min_age=18,
    ),
    S(
        "action",
        "Utility Bill Assistance",
        "benefits",
        "Help paying overdue electric, gas and water bills, and setting up payment plans.",
        ["action"],
        [Hours("TU,WE,TH", "09:00", "16:00")],
        EN_ES,
        FREE,
        "Riverbend County households with low income.",
        "Call for an appointment; bring the bill and proof of income.",
        documents=("Recent bill or shut-off notice", "Proof of income"),
    ),
    S(
        "coop",
        "Bill Payment Help and Medical Certificates",
        "benefits",
        "Payment plans for members behind on their bill, and a medical certificate hold that "
        "delays a shut-off when someone in the home uses medical equipment.",
        ["coop"],
        [Hours(WEEKDAYS, "08:00", "18:00")],
        EN_ES,
        FREE,
        "Co-op members.",
        "Call before the shut-off date. For a medical hold, ask your doctor or clinic to send "
        "the certificate form.",
        interpretation="Telephone interpreters for any language.",
        alternate_name="Payment-help line",
    ),
    S(
        "eastside",
        "Eastside Community Pantry",
        "food",
        "Choose groceries and fresh produce.",
        ["eastside"],
        [Hours("TU,TH", "10:00", "14:00")],
        "English, Spanish",
        FREE,
        "Anyone; no documents needed.",
        "Walk in.",
        own_phone=False,
    ),
    S(
        "eastside",
        "Drop-In Help Hours",
        "benefits",
        "Walk-in help with forms, benefits and finding services, with interpreters booked on "
        "request.",
        ["eastside"],
        [Hours("MO,WE", "13:00", "17:00")],
        EN_ES,
        FREE,
        "Anyone.",
        "Walk in; to book an interpreter (including ASL), call a week ahead.",
        own_phone=False,
        interpretation="Interpreters, including ASL, booked on request.",
    ),
    S(
        "brigid",
        "St. Brigid's Saturday Market",
        "food",
        "A free Saturday food market with fresh produce, bread and dairy.",
        ["brigid"],
        [Hours("SA", "09:00", "12:00")],
        "English, Spanish",
        FREE,
        "Riverbend County residents. Proof of address: a lease, a bill, or a letter from a "
        "benefits office in your name.",
        "Come during market hours.",
        documents=("Proof of a Riverbend County address (a benefits letter is accepted)",),
    ),
    S(
        "islamic",
        "Al-Noor Community Pantry",
        "food",
        "A pantry with halal groceries, open to every resident, whatever their faith.",
        ["islamic"],
        [Hours("FR", "14:00", "17:00")],
        "English, Somali, Arabic",
        FREE,
        "All Riverbend residents.",
        "Walk in.",
        alternate_name="Mosque pantry",
    ),
    S(
        "greaterhope",
        "Care Ministry and Food Closet",
        "food",
        "Church volunteers visit members and neighbors who are ill or alone, and a food "
        "closet is open on Wednesdays.",
        ["greaterhope"],
        [Hours("WE", "10:00", "13:00")],
        "English",
        FREE,
        "Anyone in the neighborhood.",
        "Call the church office or walk in.",
    ),
    S(
        "foodlink",
        "FoodLink Home Delivery",
        "food",
        "Volunteers deliver a box of groceries every two weeks to people who cannot get to a "
        "pantry.",
        [],
        [Hours("TU,FR", "10:00", "14:00", note="Delivery days")],
        "English",
        FREE,
        "People who cannot travel to a pantry.",
        "Call to join the delivery list.",
        status="temporarily closed",
        alert="Deliveries are paused until new volunteer drivers are found. The waiting list "
        "is closed.",
    ),
    S(
        "foodbank",
        "Family Grocery Delivery",
        "food",
        "A box of groceries delivered every two weeks to families with young children.",
        [],
        [Hours("TH", "09:00", "15:00", note="Delivery day")],
        "English, Spanish, Somali",
        FREE,
        "Families with children under 12 living in Eastbank, Old Mill or Downtown only.",
        "A worker sends a referral with the family's consent.",
    ),
    S(
        "somali",
        "Somali Women's Circle",
        "mental-health",
        "A women's support circle in Somali: grief, stress, family life and friendship, over "
        "tea. The Thursday morning group at the Cedar Park Branch Library has childcare.",
        ["somali", "library-cedar"],
        [
            Hours("TU", "18:00", "19:30", place="somali"),
            Hours("TH", "10:00", "11:30", place="library-cedar"),
        ],
        "Somali, English",
        FREE,
        "Women who speak Somali.",
        "A worker sends a referral, or call the coordinator.",
        alternate_name="Women's Circle",
    ),
    S(
        "adultlearning",
        "English Classes for Adults",
        "",
        "English conversation, reading and writing classes: evening classes by term, and a "
        "Saturday morning conversation class you can join any time.",
        ["adultlearning"],
        [Hours("MO,WE", "18:30", "20:30"), Hours("SA", "09:30", "11:30")],
        "English",
        FREE,
        "Adults 18 and over whose first language is not English.",
        "A worker sends a referral, or come to the Saturday class.",
        min_age=18,
    ),
    S(
        "parks",
        "Riverbend Community Center Programs",
        "",
        "Talks, classes, meeting rooms and a teaching kitchen at the Riverbend Community Center.",
        ["community-center"],
        [Hours(WEEKDAYS, "09:00", "21:00"), Hours("SA", "09:00", "17:00")],
        EN_ES,
        FREE,
        "Everyone welcome.",
        "See the monthly program or call.",
        own_phone=False,
    ),
    S(
        "parks",
        "After-School Program",
        "",
        "Homework help, games and a snack for children three afternoons a week, at the "
        "Riverbend Community Center.",
        ["community-center"],
        [Hours("MO,WE,TH", "14:30", "18:00")],
        EN_ES,
        FREE,
        "Children aged 6 to 12.",
        "A parent or carer registers the child.",
        min_age=6,
        max_age=12,
        own_phone=False,
    ),
    S(
        "parks",
        "Northside Rec Center Youth Basketball",
        "",
        "A youth basketball league for ages 8 to 12. Volunteer coaches are welcome: the "
        "application includes a background check, and a record does not automatically rule "
        "someone out; the league reviews each application.",
        ["northside-rec"],
        [Hours("TU,TH", "17:00", "19:00"), Hours("SA", "09:00", "12:00")],
        EN_ES,
        (
            Cost("Free for families with low income", 0, "per season"),
            Cost("Season fee", 40, "per season"),
        ),
        "Children aged 8 to 12; volunteer coaches aged 18 and over.",
        "Register at the Rec Center; coach applications at the front desk.",
        min_age=8,
        own_phone=False,
    ),
    S(
        "college",
        "Disability Resource Office",
        "",
        "Accommodations for students with disabilities, including mental health conditions: "
        "extra exam time, a quiet room, flexible deadlines.",
        ["college"],
        [Hours(WEEKDAYS, "09:00", "16:00")],
        EN_ES,
        FREE,
        "Riverbend Community College students.",
        "Book an intake meeting; bring any paperwork you have, or ask what is needed.",
    ),
    S(
        "rcmhc",
        "First Steps Early Psychosis Program",
        "mental-health",
        "A coordinated specialty care team for a first episode of psychosis: therapy, family "
        "support, medication, supported education and work, and case management.",
        ["rcmhc-main"],
        [Hours(WEEKDAYS, "09:00", "17:00")],
        EN_ES,
        sliding(140),
        "People aged about 15 to 35 in their first episode of psychosis, and their families.",
        "Referral through Same-Day Access, or ask your doctor or counselor.",
        min_age=15,
        max_age=35,
        fees="Medicaid accepted; sliding scale; nobody turned away for inability to pay.",
    ),
    S(
        "secondwind",
        "Evening Peer Support Line",
        "substance-use,mental-health",
        "Call to talk with a peer in recovery in the evening. Not a crisis line: if someone is "
        "in danger, call 911." + CRISIS_NOTE,
        [],
        [Hours(EVERY_DAY, "17:00", "23:00")],
        EN_ES,
        FREE,
        "Anyone in or seeking recovery, and their families.",
        "Call during line hours.",
    ),
    S(
        "frc",
        "Family Resource Center Walk-In Help",
        "benefits,food,housing",
        "Community health workers help families with benefits, food and housing; an emergency "
        "rent fund for families behind on rent, and a small pantry shelf.",
        ["frc-walkin"],
        [Hours(WEEKDAYS, "09:00", "17:00"), Hours("SA", "10:00", "13:00")],
        EN_ES,
        FREE,
        "Families in Riverbend County with children under 18.",
        "Walk in.",
        alternate_name="Riverbend Family Resource Center",
    ),
    S(
        "college",
        "Wellness Center and Peer Support Drop-In",
        "mental-health",
        "The campus wellness center: short-term counseling by appointment and a peer support "
        "drop-in run by trained students.",
        ["college"],
        [Hours("MO,TU,WE,TH", "09:00", "18:00"), Hours("FR", "09:00", "15:00")],
        EN_ES,
        FREE,
        "Riverbend Community College students.",
        "Walk in to the drop-in, or book counseling.",
        alternate_name="Riverbend Community College Wellness Center",
    ),
    S(
        "seniors",
        "Home Visits for Isolated Older Adults",
        "benefits,food",
        "Community health workers visit older adults who live alone or rarely get out: a "
        "friendly check-in, help with benefits and food, and links to activities.",
        ["seniors"],
        [Hours(WEEKDAYS, "09:00", "16:00")],
        EN_ES,
        FREE,
        "Adults aged 60 and over in Riverbend who are isolated.",
        "Call the Senior Center, or ask a worker to refer you.",
        min_age=60,
        alternate_name="Senior Center home-visit program",
    ),
    S(
        "dhs",
        "Adult Protective Services",
        "crisis",
        "Takes reports of suspected abuse, neglect or exploitation of older adults and adults "
        "with disabilities, and investigates." + CRISIS_NOTE,
        [],
        around_the_clock(),
        EN_ES,
        FREE,
        "Anyone can report; mandated reporters must.",
        "Call the reporting line.",
        interpretation="Phone interpreters for any language.",
    ),
    S(
        "dhs",
        "Child Protective Services",
        "crisis",
        "Takes reports of suspected abuse or neglect of children, and investigates." + CRISIS_NOTE,
        [],
        around_the_clock(),
        EN_ES,
        FREE,
        "Anyone can report; mandated reporters must.",
        "Call the reporting line.",
        interpretation="Phone interpreters for any language.",
    ),
)


# --------------------------------------------------------------------------- writing


def official_resources() -> list[dict[str, object]]:
    with open(OFFICIAL, encoding="utf-8") as fh:
        resources: list[dict[str, object]] = json.load(fh)["resources"]
    return resources


def field_names(resource: dict[str, object]) -> list[str]:
    schema = resource["schema"]
    assert isinstance(schema, dict)
    return [f["name"] for f in schema["fields"]]


def day_text(byday: str, freq: str) -> str:
    if freq == "MONTHLY":
        return byday
    if byday == EVERY_DAY:
        return "Every day"
    order = list(DAY_NAMES)
    days = byday.split(",")
    positions = [order.index(d) for d in days]
    if len(days) >= 3 and positions == list(range(positions[0], positions[0] + len(days))):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    return ", ".join(DAY_NAMES[d] for d in days)


def build_tables() -> dict[str, list[dict[str, str]]]:
    """Every table as a list of rows (field name -> text), in a fixed order."""
    t: dict[str, list[dict[str, str]]] = {}
    org_id = {o.key: uid("organization", o.name) for o in ORGS}
    site = {o.key: f"https://{o.key}.riverbend.example" for o in ORGS}
    t["organization"] = [
        {
            "id": org_id[o.key],
            "name": o.name,
            "alternate_name": o.alternate_name,
            "description": o.description + FICTIONAL_ORG,
            "email": f"info@{o.key}.riverbend.example",
            "website": site[o.key],
            "year_incorporated": str(o.year),
            "legal_status": o.legal_status,
        }
        for o in ORGS
    ]
    loc_id = {p.key: uid("location", p.name) for p in (*PLACES, *ONLINE)}
    t["location"], t["address"], t["accessibility"] = [], [], []
    for p in PLACES:
        zip_code, lat, lon = NEIGHBOURHOODS[p.neighbourhood]
        t["location"].append(
            {
                "id": loc_id[p.key],
                "location_type": "physical",
                "organization_id": org_id[p.org],
                "name": p.name,
                "description": p.description + FICTIONAL_PLACE,
                "transportation": p.transportation,
                "latitude": f"{lat + p.offset[0] / 1000:.4f}",
                "longitude": f"{lon + p.offset[1] / 1000:.4f}",
            }
        )
        t["address"].append(
            {
                "id": uid("address", p.name),
                "location_id": loc_id[p.key],
                "address_1": p.street,
                "city": "Riverbend",
                "region": p.neighbourhood,
                "state_province": "ZZ",
                "postal_code": zip_code,
                "country": "US",
                "address_type": "physical",
            }
        )
        if p.access:
            t["accessibility"].append(
                {
                    "id": uid("accessibility", p.name),
                    "location_id": loc_id[p.key],
                    "description": p.access[0],
                    "details": p.access[1],
                }
            )
    for o in ONLINE:
        t["location"].append(
            {
                "id": loc_id[o.key],
                "location_type": "virtual",
                "url": o.url,
                "organization_id": org_id[o.org],
                "name": o.name,
                "description": o.description + FICTIONAL_PLACE,
            }
        )

    taxonomy_id = uid("taxonomy", "paratrain need categories")
    t["taxonomy"] = [
        {
            "id": taxonomy_id,
            "name": "paratrain need categories",
            "description": "A short list of need categories used in paratrain's training "
            "directory. (Fictional taxonomy for training.)",
            "uri": "https://paratrain.example/taxonomy/needs",
            "version": "1",
        }
    ]
    term_id = {c.key: uid("taxonomy_term", c.key) for c in CATEGORIES}
    t["taxonomy_term"] = [
        {
            "id": term_id[c.key],
            "code": c.key,
            "name": c.label,
            "description": f"Services that help with: {c.label.lower()}.",
            "taxonomy": "paratrain need categories",
            "language": "en",
            "taxonomy_id": taxonomy_id,
        }
        for c in CATEGORIES
    ]

    for name in (
        "service",
        "service_at_location",
        "phone",
        "schedule",
        "language",
        "cost_option",
        "attribute",
        "required_document",
    ):
        t[name] = []
    numbers = iter(range(100, 200))  # 555-0100 to 555-0199 are reserved for fiction
    for s in SERVICES:
        add_service(t, s, next(numbers) if s.own_phone else None, org_id, loc_id, term_id, site)
    for o in ORGS:
        if o.main_line:
            number = next(numbers)
            t["phone"].append(
                {
                    "id": uid("phone", o.key, "main line"),
                    "organization_id": org_id[o.key],
                    "number": f"555-{number:04d}",
                    "type": "voice",
                    "description": f"Call this number for {o.name}. Fictional number: 555-01xx "
                    "numbers are reserved for fiction.",
                }
            )
    return t


def add_service(
    t: dict[str, list[dict[str, str]]],
    s: Service,
    number: int | None,
    org_id: dict[str, str],
    loc_id: dict[str, str],
    term_id: dict[str, str],
    site: dict[str, str],
) -> None:
    """Add one service's rows; ``number`` is its own phone (None: the organization's line)."""
    for c in s.categories:
        assert c in CATEGORY_BY_KEY, (s.name, c)
    assert number is None or number <= 199, "only 555-0100 to 555-0199 are for fiction"
    sid = uid("service", s.org, s.name)
    slug = "-".join(s.name.lower().replace("(", "").replace(")", "").split())
    t["service"].append(
        {
            "id": sid,
            "organization_id": org_id[s.org],
            "name": s.name,
            "alternate_name": s.alternate_name,
            "description": s.description + FICTIONAL_SERVICE,
            "url": f"{site[s.org]}/{slug}",
            "email": f"intake@{s.org}.riverbend.example",
            "status": s.status,
            "interpretation_services": s.interpretation,
            "application_process": s.application,
            "fees_description": s.fees or ("Free." if s.costs == FREE else ""),
            "eligibility_description": s.eligibility,
            "minimum_age": "" if s.min_age is None else str(s.min_age),
            "maximum_age": "" if s.max_age is None else str(s.max_age),
            "assured_date": CHECKED,
            "assurer_email": "directory@riverbend.example",
            "alert": s.alert,
            "last_modified": LAST_MODIFIED,
        }
    )
    sal_id = {}
    for p in s.places:
        sal_id[p] = uid("service_at_location", s.org, s.name, p)
        t["service_at_location"].append(
            {"id": sal_id[p], "service_id": sid, "location_id": loc_id[p]}
        )
    if number is not None:
        kind = {"voice": "Call", "text": "Text", "video": "Video call"}[s.phone_type]
        t["phone"].append(
            {
                "id": uid("phone", s.org, s.name),
                "service_id": sid,
                "number": f"555-{number:04d}",
                "type": s.phone_type,
                "description": f"{kind} this number for {s.name}. Fictional number: 555-01xx "
                "numbers are reserved for fiction.",
            }
        )
    for h in s.hours:
        where = {"service_at_location_id": sal_id[h.place]} if h.place else {"service_id": sid}
        note = h.note or f"{day_text(h.byday, h.freq)}, {h.opens} to {h.closes}"
        t["schedule"].append(
            {
                "id": uid("schedule", s.org, s.name, h.place, h.byday, h.opens),
                **where,
                "valid_from": h.valid_from,
                "valid_to": h.valid_to,
                "freq": h.freq,
                "byday": h.byday,
                "description": note,
                "opens_at": f"{h.opens}:00",
                "closes_at": f"{h.closes}:00",
                "attending_type": "in person" if s.places else "by phone or text",
            }
        )
    for lang in s.languages:
        t["language"].append(
            {
                "id": uid("language", s.org, s.name, lang),
                "service_id": sid,
                "name": lang,
                "code": LANGUAGE_CODES[lang],
                "note": "Staff sign fluently; no interpreter needed."
                if lang == "American Sign Language"
                else "",
            }
        )
    for c in s.costs:
        t["cost_option"].append(
            {
                "id": uid("cost_option", s.org, s.name, c.option),
                "service_id": sid,
                "option": c.option,
                "currency": "USD",
                "amount": f"{c.amount:g}",
                "amount_description": c.description,
            }
        )
    for c in s.categories:
        t["attribute"].append(
            {
                "id": uid("attribute", s.org, s.name, c),
                "link_id": sid,
                "taxonomy_term_id": term_id[c],
                "link_type": "service_category",
                "link_entity": "service",
            }
        )
    for d in s.documents:
        t["required_document"].append(
            {"id": uid("required_document", s.org, s.name, d), "service_id": sid, "document": d}
        )


def write(tables: dict[str, list[dict[str, str]]], out: Path = OUT) -> None:
    """Write every table and ``datapackage.json`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    resources = official_resources()
    for resource in resources:
        names = field_names(resource)
        rows = tables.get(str(resource["name"]), [])
        with open(out / str(resource["path"]), "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, names, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                unknown = set(row) - set(names)
                assert not unknown, (resource["name"], unknown)
                writer.writerow({n: row.get(n, "") for n in names})
    descriptor = {
        "name": "riverbend-fictional-directory",
        "title": "Riverbend resource directory (fictional, for training)",
        "description": "An invented resource directory for the invented town of Riverbend, "
        "used to train community health and peer workers. Every organization, "
        "place, phone number and service in it is fictional. Built by "
        "tools/build_riverbend.py in the paratrain repository.",
        "profile": "tabular-data-package",
        "version": "1.0.0",
        "homepage": "https://paratrain.example/riverbend",
        "licenses": [
            {
                "name": "CC-BY-SA-4.0",
                "path": "https://creativecommons.org/licenses/by-sa/4.0/",
                "title": "Creative Commons Attribution-ShareAlike 4.0 (the table schemas are "
                "copied from Open Referral HSDS 3.0)",
            }
        ],
        "sources": [
            {
                "title": "Human Services Data Specification: an Open Referral resource",
                "path": "https://openreferral.org/",
            }
        ],
        "resources": copy.deepcopy(resources),
    }
    with open(out / "datapackage.json", "w", encoding="utf-8") as fh:
        json.dump(descriptor, fh, indent=2, ensure_ascii=False)
        fh.write("\n")


def main() -> None:
    tables = build_tables()
    write(tables)
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(tables['organization'])} organizations, "
        f"{len(tables['service'])} services, {len(tables['location'])} locations"
    )


if __name__ == "__main__":
    main()
