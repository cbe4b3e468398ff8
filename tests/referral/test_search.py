"""search(): filters, reasons, ranking and opening hours, at fixed moments."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from paratrain.errors import DirectoryError
from paratrain.referral import COLUMNS, Directory, places, search

from .builders import Svc, directory

CHICAGO = ZoneInfo("America/Chicago")
TUESDAY_2PM = datetime(2026, 11, 24, 14, 0)  # naive: read in the directory's zone
TUESDAY_3AM = datetime(2026, 11, 24, 3, 0, tzinfo=CHICAGO)
WEEKDAYS = ("MO,TU,WE,TH,FR", "09:00:00", "17:00:00")


def names(frame: object) -> list[str]:
    return list(frame["service"])  # type: ignore[index]


# ---------------------------------------------------------------- needs


def test_needs_by_category_and_by_words() -> None:
    d = directory(
        Svc("Pantry", ("food",)),
        Svc("Shelter", ("housing",)),
        Svc("Tenant clinic", description="Help with eviction papers."),
    )
    assert names(search(d, needs=["food"], now=TUESDAY_2PM)) == ["Pantry"]
    # The clinic has no taxonomy term, so its words put it in housing ("eviction").
    assert names(search(d, needs="Housing and shelter", now=TUESDAY_2PM)) == [
        "Shelter",
        "Tenant clinic",
    ]
    found = search(d, needs=["evict"], now=TUESDAY_2PM)
    assert names(found) == ["Tenant clinic"]
    assert found["why"][0] == "Mentions 'evict'"


def test_meeting_more_needs_ranks_higher() -> None:
    d = directory(
        Svc("A food only", ("food",)),
        Svc("B food and housing", ("food", "housing")),
        Svc("C housing only", ("housing",)),
    )
    found = search(d, needs=["food", "housing"], now=TUESDAY_2PM)
    assert names(found)[0] == "B food and housing"
    assert found["why"][0] == "Need: Food, Housing and shelter"


def test_categories_fall_back_to_keywords_without_taxonomy_terms() -> None:
    d = directory(
        Svc("Community Supper", description="A free hot meal."),
        Svc("Business advice", description="Help for small businesses."),
    )
    assert names(search(d, needs=["food"], now=TUESDAY_2PM)) == ["Community Supper"]
    assert names(search(d, needs=["transport"], now=TUESDAY_2PM)) == []  # not "business"


# ---------------------------------------------------------------- language and age


def test_language_staff_interpreter_unknown_and_no() -> None:
    d = directory(
        Svc("Staff speak it", languages=("English", "Spanish")),
        Svc("Interpreter for it", languages=("English",), interpretation="Spanish interpreter"),
        Svc(
            "Any-language interpreters",
            languages=("English",),
            interpretation="Phone interpreters available",
        ),
        Svc("Languages not listed"),
        Svc("English only", languages=("English",)),
    )
    found = search(d, language="es", now=TUESDAY_2PM)
    assert names(found) == [
        "Staff speak it",
        "Interpreter for it",
        "Any-language interpreters",
        "Languages not listed",
    ]
    why = dict(zip(found["service"], found["why"], strict=True))
    assert why["Staff speak it"] == "Staff speak Spanish"
    assert why["Interpreter for it"] == "Interpreter for Spanish"
    assert why["Any-language interpreters"].startswith("Check: Interpreters offered")
    assert why["Languages not listed"].startswith("Check: Languages not listed")


def test_age_limits() -> None:
    d = directory(Svc("Youth", min_age=16, max_age=24), Svc("Adults", min_age=18), Svc("Anyone"))
    assert names(search(d, age=17, now=TUESDAY_2PM)) == ["Anyone", "Youth"]
    assert names(search(d, age=30, now=TUESDAY_2PM)) == ["Adults", "Anyone"]
    assert search(d, age=20, now=TUESDAY_2PM)["why"].tolist() == [
        "Age 20 is within 18 and over",
        "",
        "Age 20 is within 16 to 24",
    ]


# ---------------------------------------------------------------- opening hours


def test_open_at_a_fixed_moment() -> None:
    d = directory(
        Svc("Weekdays", hours=(WEEKDAYS,)),
        Svc("Nights", hours=(("MO,TU,WE,TH,FR,SA,SU", "19:00:00", "07:00:00"),)),
        Svc("No hours listed"),
    )
    found = search(d, open_at=TUESDAY_2PM)
    assert names(found) == ["Weekdays", "No hours listed"]  # confirmed first
    assert found["open_now"].tolist() == [True, None]
    assert found["why"].tolist() == [
        "Open Tue 14:00",
        "Check: Hours not listed: call before sending anyone",
    ]
    assert names(search(d, open_at=TUESDAY_3AM)) == ["Nights", "No hours listed"]


def test_open_now_uses_now_and_aware_times_convert() -> None:
    d = directory(Svc("Weekdays", hours=(WEEKDAYS,)))
    assert names(search(d, open_now=True, now=TUESDAY_2PM)) == ["Weekdays"]
    # 02:00 UTC on Wednesday is 20:00 on Tuesday in Chicago: closed.
    assert names(search(d, open_now=True, now=datetime(2026, 11, 25, 2, tzinfo=UTC))) == []


def test_open_now_column_and_hours_today_without_filtering() -> None:
    d = directory(Svc("Weekdays", hours=(WEEKDAYS,)))
    saturday = search(d, now=datetime(2026, 11, 28, 12))
    assert saturday["open_now"].tolist() == [False]
    assert saturday["hours_today"].tolist() == ["Closed"]
    assert search(d, now=TUESDAY_2PM)["hours_today"].tolist() == ["09:00–17:00"]


def test_open_at_and_open_now_together_is_refused() -> None:
    with pytest.raises(ValueError, match="not both"):
        search(directory(), open_at=TUESDAY_2PM, open_now=True)


# ---------------------------------------------------------------- cost, access, status


def test_free_only_and_max_cost() -> None:
    d = directory(
        Svc("Free", costs=(0,)),
        Svc("Sliding", costs=(0, 120)),
        Svc("Fee", costs=(15,)),
        Svc("Unknown cost"),
    )
    found = search(d, free_only=True, now=TUESDAY_2PM)
    assert names(found) == ["Free", "Sliding", "Unknown cost"]
    assert found["cost"].tolist() == [
        "Free",
        "Free to $120 (depends on income or cover)",
        "Not listed",
    ]
    assert found["why"][2] == "Check: Cost not listed: ask about fees"
    assert names(search(d, max_cost=20, now=TUESDAY_2PM)) == [
        "Fee",
        "Free",
        "Sliding",
        "Unknown cost",
    ]


def test_accessible_keeps_described_places_and_services_without_a_building() -> None:
    d = directory(
        Svc("Ramp", at=(0.01, 0.01), access="Ramp at the front door."),
        Svc("Stairs only", at=(0.02, 0.02)),
        Svc("Phone line"),
    )
    found = search(d, accessible=True, now=TUESDAY_2PM)
    assert names(found) == ["Phone line", "Ramp"]
    assert found["accessibility"].tolist() == ["Not described", "Ramp at the front door."]
    assert names(search(d, now=TUESDAY_2PM)) == ["Phone line", "Ramp", "Stairs only"]


def test_inactive_services_only_on_request_and_last() -> None:
    d = directory(
        Svc("A closed", status="temporarily closed", alert="Renovation."),
        Svc("B open"),
        Svc("C gone", status="defunct"),
    )
    assert names(search(d, now=TUESDAY_2PM)) == ["B open"]
    found = search(d, include_inactive=True, now=TUESDAY_2PM)
    assert names(found) == ["B open", "A closed", "C gone"]
    assert found["why"][1] == ("Check: Temporarily closed, do not refer now: Renovation.")
    assert found["hours_today"][1] == "Temporarily closed"
    assert found["open_now"].tolist() == [None, False, False]


def test_a_closed_service_is_never_open_even_if_its_hours_say_so() -> None:
    d = directory(Svc("Closed", status="temporarily closed", hours=(WEEKDAYS,)))
    found = search(d, include_inactive=True, open_at=TUESDAY_2PM)
    assert names(found) == ["Closed"]
    assert found["open_now"].tolist() == [False]
    assert "Open Tue" not in found["why"][0]


# ---------------------------------------------------------------- distance and ranking


def test_near_a_point_or_a_neighbourhood() -> None:
    d = directory(
        Svc("Far", at=(0.05, 0.0), neighbourhood="North"),
        Svc("Near", at=(0.001, 0.0), neighbourhood="South"),
        Svc("Phone only"),
    )
    found = search(d, near=(0.0, 0.0), now=TUESDAY_2PM)
    assert names(found) == ["Near", "Far", "Phone only"]
    assert found["distance_km"][0] == pytest.approx(0.11, abs=0.01)
    assert found["distance_km"][1] == pytest.approx(5.56, abs=0.01)
    assert math.isnan(found["distance_km"][2])
    assert names(search(d, near="north", now=TUESDAY_2PM))[0] == "Far"
    assert set(places(d)) == {"North", "South", "Testtown"}


def test_unknown_place_names_the_known_ones() -> None:
    d = directory(Svc("Near", at=(0.001, 0.0), neighbourhood="South"))
    with pytest.raises(DirectoryError) as caught:
        search(d, near="Atlantis")
    assert "South" in caught.value.hint


def test_confirmed_fits_rank_above_maybes_even_when_further() -> None:
    d = directory(
        Svc("Near but hours unknown", at=(0.001, 0.0)),
        Svc("Far and open", at=(0.05, 0.0), hours=(WEEKDAYS,)),
    )
    found = search(d, open_at=TUESDAY_2PM, near=(0.0, 0.0))
    assert names(found) == ["Far and open", "Near but hours unknown"]


def test_columns() -> None:
    found = search(directory(Svc("Pantry", ("food",))), now=TUESDAY_2PM)
    assert tuple(found.columns) == COLUMNS
    assert found["category"][0] == "Food"
    assert found["address"][0] == "No address: by phone or outreach"


# ---------------------------------------------------------------- on Riverbend


def test_riverbend_spanish_food_open_tuesday_afternoon(riverbend: Directory) -> None:
    found = search(
        riverbend, needs=["food"], language="Spanish", open_at=TUESDAY_2PM, near="Eastbank"
    )
    assert "Food Pantry" in names(found)
    pantry = found[found["service"] == "Food Pantry"].iloc[0]
    assert pantry["address"].startswith("250 Depot Street, Eastbank")  # the Tuesday site
    assert pantry["hours_today"] == "10:00–18:00"
    assert pantry["phone"].startswith("555-01")
    assert bool(found["open_now"].all())
    assert "Lantern Hill Community Hall" not in set(found["address"])  # Wednesdays only
    known = [km for km in found["distance_km"] if not math.isnan(km)]
    assert known == sorted(known) and known[0] < 0.5


def test_riverbend_crisis_at_three_in_the_morning(riverbend: Directory) -> None:
    found = search(riverbend, needs=["crisis"], open_at=TUESDAY_3AM)
    assert {"Riverbend Crisis Line", "Mobile Crisis Team", "Crisis Stabilization Unit"} <= set(
        names(found)
    )
    assert "Crisis Text Line" not in names(found)  # 14:00-02:00
    assert "Youth Crisis Respite" not in names(found)  # temporarily closed
    text_line = search(
        riverbend, needs=["crisis"], open_at=datetime(2026, 11, 24, 1, 30, tzinfo=CHICAGO)
    )
    assert "Crisis Text Line" in names(text_line)  # Monday's shift, past midnight
    assert any(
        "988" in o.description for o in riverbend.catalog if o.service == "Riverbend Crisis Line"
    )


def test_riverbend_seasonal_and_monthly_services(riverbend: Directory) -> None:
    winter_night = datetime(2026, 12, 2, 22, 0)
    assert "Winter Warming Center" in names(
        search(riverbend, needs=["housing"], open_at=winter_night)
    )
    summer_night = datetime(2027, 7, 7, 22, 0)
    assert "Winter Warming Center" not in names(
        search(riverbend, needs=["housing"], open_at=summer_night)
    )
    second_saturday = datetime(2026, 12, 12, 10, 0)
    assert "Mobile Pantry" in names(search(riverbend, needs=["food"], open_at=second_saturday))
    assert "Mobile Pantry" not in names(
        search(riverbend, needs=["food"], open_at=datetime(2026, 12, 5, 10, 0))
    )


def test_riverbend_asl_and_free_accessible_counselling(riverbend: Directory) -> None:
    asl = search(riverbend, language="ASL", needs=["mental health"], now=TUESDAY_2PM)
    assert names(asl)[:2] == ["ASL Counseling Service", "Deaf Peer Support Group"]
    free = search(
        riverbend, needs=["mental-health"], free_only=True, accessible=True, age=25, now=TUESDAY_2PM
    )
    assert "Psychiatric Medication Clinic" in names(free)  # free with Medicaid
    assert "Adult Outpatient Counseling" in names(free)
    assert "Child and Family Counseling" not in names(free)  # age 4-17
    counselling = free[free["service"] == "Adult Outpatient Counseling"]
    assert list(counselling["address"].str.contains("Union Street")) == [True]  # no lift at
    # the Northgate office, so only the main clinic is listed
