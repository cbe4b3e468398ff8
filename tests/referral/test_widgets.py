"""The notebook widgets, driven the way a trainee would: setting values and clicking."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import ipywidgets as w
import pytest

from paratrain.referral import Directory, Status, new_referral
from paratrain.referral.widgets import directory_search, referral_tracker

from .builders import Svc, directory
from .conftest import _RaiseOnCallbackError

CHICAGO = ZoneInfo("America/Chicago")
TUESDAY_2PM = datetime(2026, 11, 24, 14, 0, tzinfo=CHICAGO)


def tuesday() -> datetime:
    return TUESDAY_2PM


# ---------------------------------------------------------------- the fixture itself


def test_a_raising_click_callback_fails_the_test(
    widget_callbacks_raise: _RaiseOnCallbackError,
) -> None:
    button = w.Button(description="Broken")
    button.on_click(lambda _b: 1 / 0)
    with pytest.raises(pytest.fail.Exception, match="ZeroDivisionError"):
        button.click()
    assert [
        r.exc_info[0]
        for r in widget_callbacks_raise.failures  # type: ignore[index]
    ] == [ZeroDivisionError]


# ---------------------------------------------------------------- search form


def test_every_control_has_a_label(riverbend: Directory) -> None:
    form = directory_search(riverbend, clock=tuesday)
    controls = [
        form.need,
        form.words,
        form.language,
        form.age,
        form.near,
        form.open_now,
        form.day,
        form.time,
        form.free_only,
        form.accessible,
        form.include_inactive,
    ]
    for control in controls:
        assert control.description.strip(), control
    assert form._repr_mimebundle_()["application/vnd.jupyter.widget-view+json"]


def test_search_form_filters_as_values_change(riverbend: Directory) -> None:
    form = directory_search(riverbend, clock=tuesday)
    everything = form.message.value
    form.need.value = "food"
    assert "Food Pantry" in form.results.value
    assert "Free Hot Lunch" in form.results.value
    assert "Public Housing Applications" not in form.results.value
    form.open_now.value = True  # Tuesday 14:00: lunch (11:30-13:30) is over
    assert "Free Hot Lunch" not in form.results.value
    assert "Food Pantry" in form.results.value
    assert form.day.disabled and form.time.disabled
    assert "open now" in form.message.value
    form.language.value = "Somali"
    assert "Food Pantry" in form.results.value
    assert "WIC Nutrition Program" not in form.results.value
    form.open_now.value = False
    form.language.value = ""
    form.need.value = ""
    assert form.message.value == everything


def test_day_and_time_picker(riverbend: Directory) -> None:
    form = directory_search(riverbend, clock=tuesday)
    form.need.value = "food"
    assert form.time.disabled
    form.day.value = 5  # Saturday
    assert not form.time.disabled
    form.time.value = time(12, 30)
    assert "Saturday at 12:30" in form.message.value
    assert "Recovery Café Community Lunch" in form.results.value
    assert "Community Supper" not in form.results.value


def test_free_accessible_near_and_inactive(riverbend: Directory) -> None:
    form = directory_search(riverbend, clock=tuesday)
    form.need.value = "transport"
    assert "RiverRide Paratransit" in form.results.value
    form.free_only.value = True
    assert "RiverRide Paratransit" not in form.results.value  # $2.50 a ride
    assert "Medical Transportation Line" in form.results.value
    form.need.value = "housing"
    form.free_only.value = False
    assert "Emergency Rental Assistance Fund" not in form.results.value
    form.include_inactive.value = True
    assert "Emergency Rental Assistance Fund" in form.results.value
    assert "do not refer now" in form.results.value
    form.accessible.value = True
    assert "Family Emergency Shelter" not in form.results.value  # no access described
    form.near.value = "Old Mill"
    assert " km<" in form.results.value


def test_words_and_a_bad_age_are_shown_not_raised(riverbend: Directory) -> None:
    form = directory_search(riverbend, clock=tuesday)
    form.words.value = "eviction"
    assert "Eviction Prevention Clinic" in form.results.value
    form.age.value = "thirty"
    assert "role='alert'" in form.message.value
    assert "Age must be a number" in form.message.value
    assert form.results.value == ""
    form.age.value = "30"
    assert "Eviction Prevention Clinic" in form.results.value


def test_results_are_escaped_html() -> None:
    d = directory(Svc("<script>alert(1)</script>", ("food",)))
    form = directory_search(d, clock=tuesday)
    assert "<script>" not in form.results.value
    assert "&lt;script&gt;" in form.results.value
    assert "<th scope='col'" in form.results.value
    assert "<caption" in form.results.value


# ---------------------------------------------------------------- referral tracker


def enabled(tracker: object) -> set[Status]:
    return {s for s, b in tracker.buttons.items() if not b.disabled}  # type: ignore[attr-defined]


def test_only_allowed_moves_are_enabled_and_clicks_move(riverbend: Directory) -> None:
    tracker = referral_tracker(directory=riverbend, clock=lambda: TUESDAY_2PM)
    assert tracker.referral.status is Status.REQUESTED
    assert "fictional" in tracker.referral.person
    assert enabled(tracker) == {Status.ACCEPTED, Status.REJECTED, Status.CANCELLED}
    assert "follow up" in tracker.record.value

    tracker.note.value = "Intake booked for Thursday."
    tracker.buttons[Status.ACCEPTED].click()
    assert tracker.referral.status is Status.ACCEPTED
    assert tracker.referral.history[-1].note == "Intake booked for Thursday."
    assert tracker.note.value == ""
    assert enabled(tracker) == {Status.IN_PROGRESS, Status.FAILED, Status.CANCELLED}
    assert "Intake booked for Thursday." in tracker.record.value

    tracker.buttons[Status.FAILED].click()
    assert tracker.referral.status is Status.FAILED
    assert enabled(tracker) == set()
    assert "another option" in tracker.record.value
    assert "(final)" in tracker.record.value
    assert [c.status for c in tracker.referral.history] == [
        Status.REQUESTED,
        Status.ACCEPTED,
        Status.FAILED,
    ]

    tracker.restart.click()
    assert tracker.referral.status is Status.REQUESTED
    assert enabled(tracker) == {Status.ACCEPTED, Status.REJECTED, Status.CANCELLED}


def test_a_disabled_move_clicked_from_code_is_shown_not_raised() -> None:
    start = new_referral(
        person="Client B", service_id="s", by="w", at=datetime(2026, 11, 24, tzinfo=UTC)
    )
    tracker = referral_tracker(start, clock=lambda: datetime(2026, 11, 25, tzinfo=UTC))
    tracker.buttons[Status.COMPLETED].click()  # disabled in the browser; code can still click
    assert tracker.referral is start
    assert "role='alert'" in tracker.record.value
    assert "can move to: accepted, rejected, cancelled" in tracker.record.value


def test_buttons_have_labels_and_tooltips() -> None:
    tracker = referral_tracker(new_referral(person="C", service_id="s", by="w"))
    for status, button in tracker.buttons.items():
        assert button.description
        assert status.value in button.tooltip
    assert tracker.by.description and tracker.note.description
