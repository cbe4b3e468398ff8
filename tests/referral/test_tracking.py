"""Referral statuses: allowed and refused moves, next steps, JSON."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest

from paratrain.errors import InputError, ReferralStatusError
from paratrain.referral import (
    NEXT_STEPS,
    TRANSITIONS,
    Referral,
    Status,
    allowed_moves,
    change_status,
    from_json,
    new_referral,
    next_step,
    to_json,
)

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
FINAL = {Status.REJECTED, Status.COMPLETED, Status.FAILED, Status.CANCELLED}


def referral_in(status: Status) -> Referral:
    """A referral that reached ``status`` by allowed moves."""
    path = {
        Status.REQUESTED: [],
        Status.ACCEPTED: [Status.ACCEPTED],
        Status.REJECTED: [Status.REJECTED],
        Status.IN_PROGRESS: [Status.ACCEPTED, Status.IN_PROGRESS],
        Status.COMPLETED: [Status.ACCEPTED, Status.IN_PROGRESS, Status.COMPLETED],
        Status.FAILED: [Status.ACCEPTED, Status.FAILED],
        Status.CANCELLED: [Status.CANCELLED],
    }[status]
    r = new_referral(
        person="Client A",
        service_id="svc-1",
        service_name="Food Pantry",
        by="worker",
        at=T0,
        referral_id="ref-1",
    )
    for i, step in enumerate(path, start=1):
        r = change_status(r, step, by="service", at=T0 + timedelta(hours=i))
    return r


def test_the_transition_table() -> None:
    assert TRANSITIONS[Status.REQUESTED] == (Status.ACCEPTED, Status.REJECTED, Status.CANCELLED)
    assert TRANSITIONS[Status.ACCEPTED] == (Status.IN_PROGRESS, Status.FAILED, Status.CANCELLED)
    assert TRANSITIONS[Status.IN_PROGRESS] == (Status.COMPLETED, Status.FAILED, Status.CANCELLED)
    assert {s for s, moves in TRANSITIONS.items() if not moves} == FINAL
    assert set(TRANSITIONS) == set(Status)
    with pytest.raises(TypeError):
        TRANSITIONS[Status.COMPLETED] = (Status.REQUESTED,)  # type: ignore[index]


@pytest.mark.parametrize(("start", "to"), list(itertools.product(Status, Status)))
def test_every_move_is_allowed_or_refused_by_the_table(start: Status, to: Status) -> None:
    r = referral_in(start)
    if to in allowed_moves(start):
        moved = change_status(r, to, by="worker", note="ok", at=T0 + timedelta(days=1))
        assert moved.status is to
        assert moved.history[:-1] == r.history  # the old record is unchanged
        assert r.status is start
    else:
        with pytest.raises(ReferralStatusError) as caught:
            change_status(r, to, by="worker", at=T0 + timedelta(days=1))
        message = str(caught.value)
        assert f"from '{start}' to '{to}'" in message
        if start in FINAL:
            assert "is final" in caught.value.hint
        else:
            assert caught.value.hint == (
                f"From '{start}' the referral can move to: " + ", ".join(allowed_moves(start)) + "."
            )


def test_a_full_closed_loop() -> None:
    r = referral_in(Status.COMPLETED)
    assert [c.status for c in r.history] == [
        Status.REQUESTED,
        Status.ACCEPTED,
        Status.IN_PROGRESS,
        Status.COMPLETED,
    ]
    assert r.created == T0
    assert r.is_closed


def test_statuses_may_be_given_as_codes() -> None:
    r = change_status(
        referral_in(Status.ACCEPTED), "in-progress", by="service", at=T0 + timedelta(days=1)
    )
    assert r.status is Status.IN_PROGRESS
    with pytest.raises(ReferralStatusError, match="not a referral status"):
        change_status(r, "done", by="worker")


def test_times_must_be_aware_and_in_order() -> None:
    r = referral_in(Status.REQUESTED)
    with pytest.raises(ValueError, match="timezone-aware"):
        change_status(r, Status.ACCEPTED, by="x", at=datetime(2026, 11, 24, 10))
    with pytest.raises(ValueError, match="earlier"):
        change_status(r, Status.ACCEPTED, by="x", at=T0 - timedelta(minutes=1))


def test_next_steps() -> None:
    assert set(NEXT_STEPS) == set(Status)
    assert "another option" in next_step(Status.FAILED)
    assert "find out why" in next_step("failed")
    assert "follow up" in next_step(Status.REQUESTED)
    assert "close the loop" in next_step(Status.COMPLETED)
    assert len({next_step(s) for s in Status}) == len(Status)


@pytest.mark.parametrize("status", list(Status))
def test_json_round_trip(status: Status) -> None:
    r = referral_in(status)
    r = Referral(r.id, "Client Ü", r.service_id, r.service_name, r.history)
    text = to_json(r)
    assert json.loads(text)["schema_version"] == 1
    assert from_json(text) == r


def test_json_with_an_illegal_history_is_refused() -> None:
    data = json.loads(to_json(referral_in(Status.COMPLETED)))
    data["history"].append(
        {"status": "accepted", "at": "2026-11-25T09:00:00+00:00", "by": "someone", "note": ""}
    )
    with pytest.raises(ReferralStatusError, match="from 'completed' to 'accepted'"):
        from_json(json.dumps(data))
    data["history"] = data["history"][1:]
    with pytest.raises(ReferralStatusError, match="must start with 'requested'"):
        from_json(json.dumps(data))


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        json.dumps(
            {
                "schema_version": 1,
                "id": "x",
                "person": "p",
                "service_id": "s",
                "history": [{"status": "requested", "at": "yesterday", "by": "w"}],
            }
        ),
        json.dumps(
            {
                "schema_version": 1,
                "id": "x",
                "person": "p",
                "service_id": "s",
                "history": [{"status": "requested", "at": "2026-11-24T09:00:00", "by": "w"}],
            }
        ),
    ],
)
def test_malformed_json_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        from_json(text)


def test_json_from_a_newer_paratrain() -> None:
    data = json.loads(to_json(referral_in(Status.REQUESTED)))
    data["schema_version"] = 2
    with pytest.raises(InputError, match="schema_version 2"):
        from_json(json.dumps(data))
