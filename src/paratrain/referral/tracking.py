"""Closed-loop referral tracking: a referral's status, the moves allowed, and what to do next.

A referral is *closed-loop* when the referring worker learns what happened at the receiving
service. The statuses are a subset of the referral task statuses in the HL7 FHIR SDOH Clinical
Care implementation guide (Gravity Project), value set SDOHCC-ValueSetReferralTaskStatus,
which is FHIR TaskStatus without ``ready`` and ``received``. paratrain leaves out ``draft``,
``on-hold`` and ``entered-in-error`` as well, to keep training to the statuses workers meet
every day::

    requested ──> accepted ──> in-progress ──> completed
        │  │          │  │          │  │
        │  └> rejected│  └> failed  │  └> failed
        └──> cancelled└──> cancelled└──> cancelled

- **requested**: the worker sent the referral; the service has not answered.
- **accepted** / **rejected**: the service said yes or no.
- **in-progress**: the person is getting the service.
- **completed**, **failed**, **cancelled**, **rejected**: final. A new attempt is a new
  referral, so every referral's history tells one story.

Decisions worth knowing:

- ``requested`` cannot go straight to ``failed``: a service that never answers is followed up,
  and if it stays silent the worker cancels the request (noting "no response") and refers
  elsewhere. FHIR uses ``failed`` for a task that was attempted.
- ``accepted`` can go to ``failed``: the person never reached the service (no transport,
  a missed first appointment), one of the common failure modes of referrals.
- who makes a move (worker or service) is recorded in ``by``, not enforced: in training the
  trainee plays both sides.

Everything is immutable: :func:`change_status` returns a new :class:`Referral`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from paratrain.errors import InputError, ReferralStatusError

SCHEMA_VERSION = 1


class Status(StrEnum):
    """Referral statuses (FHIR TaskStatus codes)."""

    REQUESTED = "requested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"


S = Status

#: Allowed moves: status -> the statuses it may change to, in the order buttons show them.
#: A status with no moves is final.
TRANSITIONS: Mapping[Status, tuple[Status, ...]] = MappingProxyType(
    {
        S.REQUESTED: (S.ACCEPTED, S.REJECTED, S.CANCELLED),
        S.ACCEPTED: (S.IN_PROGRESS, S.FAILED, S.CANCELLED),
        S.IN_PROGRESS: (S.COMPLETED, S.FAILED, S.CANCELLED),
        S.REJECTED: (),
        S.COMPLETED: (),
        S.FAILED: (),
        S.CANCELLED: (),
    }
)

#: What the worker should do next, for each status.
NEXT_STEPS: Mapping[Status, str] = MappingProxyType(
    {
        S.REQUESTED: "Check that the service received the referral. If it has not answered in the "
        "time it promises, call to follow up, and tell the person what happens next "
        "and when.",
        S.ACCEPTED: "Tell the person they have been accepted. Go over the date, time, place and "
        "what to bring, and check they can get there (transport, cost, childcare). "
        "Offer a reminder the day before.",
        S.REJECTED: "Ask the service why (eligibility, waiting list, full). Tell the person "
        "promptly and kindly, then look for another service together and offer "
        "choices.",
        S.IN_PROGRESS: "Check in with the person: is the service helping, and are there barriers "
        "(transport, cost, language) or new needs? Keep in touch with the service.",
        S.COMPLETED: "Confirm with the person that the need was met, record the outcome, and close "
        "the loop with the service and your supervisor.",
        S.FAILED: "Contact the person and find out why (never reached it, closed or full, "
        "transport or cost, did not feel welcome). Offer another option and make a new "
        "referral if they want one.",
        S.CANCELLED: "Record why it was cancelled and who decided. If the need is still there, "
        "talk with the person about other options.",
    }
)


@dataclass(frozen=True)
class StatusChange:
    """One entry in a referral's history."""

    status: Status
    at: datetime
    by: str
    note: str = ""


@dataclass(frozen=True)
class Referral:
    """A referral of a person (by alias, never a real name) to a service.

    Attributes
    ----------
    id:
        Referral id.
    person:
        An alias for the person, such as "Client A". Never real names in training.
    service_id:
        The HSDS ``service.id``.
    service_name:
        The service's name, for people reading the record.
    history:
        Every status change, oldest first; the first is always ``requested``.
    """

    id: str
    person: str
    service_id: str
    service_name: str
    history: tuple[StatusChange, ...]

    @property
    def status(self) -> Status:
        """The current status."""
        return self.history[-1].status

    @property
    def created(self) -> datetime:
        """When the referral was made."""
        return self.history[0].at

    @property
    def is_closed(self) -> bool:
        """True when the status is final."""
        return not TRANSITIONS[self.status]


def allowed_moves(status: Status | str) -> tuple[Status, ...]:
    """The statuses a referral in ``status`` may move to (empty when final).

    Parameters
    ----------
    status:
        A :class:`Status` or its code, e.g. ``"in-progress"``.

    Returns
    -------
    tuple of Status
    """
    return TRANSITIONS[_status(status)]


def next_step(status: Status | str) -> str:
    """What the worker should do next when a referral is in ``status``.

    Parameters
    ----------
    status:
        A :class:`Status` or its code.

    Returns
    -------
    str
    """
    return NEXT_STEPS[_status(status)]


def new_referral(
    *,
    person: str,
    service_id: str,
    by: str,
    service_name: str = "",
    note: str = "",
    at: datetime | None = None,
    referral_id: str | None = None,
) -> Referral:
    """Start a referral in status ``requested``.

    Parameters
    ----------
    person:
        Alias of the person referred.
    service_id:
        HSDS id of the receiving service.
    by:
        Who made the referral (a worker alias or role).
    service_name:
        The service's name, for readers.
    note:
        Anything to record with the request.
    at:
        When; timezone-aware. Default: now (UTC).
    referral_id:
        Default: a new random UUID.

    Returns
    -------
    Referral
    """
    first = StatusChange(S.REQUESTED, _when(at), by, note)
    return Referral(referral_id or str(uuid.uuid4()), person, service_id, service_name, (first,))


def change_status(
    referral: Referral, to: Status | str, *, by: str, note: str = "", at: datetime | None = None
) -> Referral:
    """Move a referral to a new status, if the rules allow it.

    Parameters
    ----------
    referral:
        The referral as it is now.
    to:
        The new status.
    by:
        Who made the change.
    note:
        Why, or what happened.
    at:
        When; timezone-aware, not before the last change. Default: now (UTC).

    Returns
    -------
    Referral
        A new referral with the change added to its history.

    Raises
    ------
    ReferralStatusError
        When the move is not in :data:`TRANSITIONS`; the message says which moves are allowed.
    ValueError
        When ``at`` is naive or earlier than the last change.
    """
    target = _status(to)
    current = referral.status
    if target not in TRANSITIONS[current]:
        raise _refused(referral.id, current, target)
    when = _when(at)
    if when < referral.history[-1].at:
        raise ValueError(
            f"a change cannot be earlier than the last one ({referral.history[-1].at.isoformat()})"
        )
    return replace(referral, history=(*referral.history, StatusChange(target, when, by, note)))


def _refused(referral_id: str, current: Status, target: Status) -> ReferralStatusError:
    moves = TRANSITIONS[current]
    if moves:
        hint = f"From '{current}' the referral can move to: {', '.join(moves)}."
    else:
        hint = f"'{current}' is final. If the person still needs help, make a new referral."
    return ReferralStatusError(
        f"referral {referral_id} cannot move from '{current}' to '{target}'.", hint=hint
    )


def _status(value: Status | str) -> Status:
    try:
        return Status(value)
    except ValueError:
        raise ReferralStatusError(
            f"{value!r} is not a referral status.",
            hint="Use one of: " + ", ".join(s.value for s in Status) + ".",
        ) from None


def _when(at: datetime | None) -> datetime:
    if at is None:
        return datetime.now(UTC)
    if at.tzinfo is None:
        raise ValueError("give a timezone-aware time, e.g. datetime(..., tzinfo=UTC)")
    return at


def to_json(referral: Referral) -> str:
    """Serialise a referral to JSON (with ``schema_version``).

    Parameters
    ----------
    referral:
        The referral.

    Returns
    -------
    str
    """
    data = {
        "schema_version": SCHEMA_VERSION,
        "id": referral.id,
        "person": referral.person,
        "service_id": referral.service_id,
        "service_name": referral.service_name,
        "history": [
            {"status": c.status.value, "at": c.at.isoformat(), "by": c.by, "note": c.note}
            for c in referral.history
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


def from_json(text: str) -> Referral:
    """Read a referral written by :func:`to_json`, replaying its history through the rules.

    Parameters
    ----------
    text:
        The JSON.

    Returns
    -------
    Referral

    Raises
    ------
    InputError
        When the JSON is malformed or missing fields, or from a newer paratrain.
    ReferralStatusError
        When its history contains a move the rules do not allow.
    """
    try:
        data: Any = json.loads(text)
        version = data["schema_version"]
        if version != SCHEMA_VERSION:
            raise InputError(
                f"referral record has schema_version {version!r}; this paratrain "
                f"reads version {SCHEMA_VERSION}.",
                hint="Upgrade paratrain to read newer records.",
            )
        changes = [
            (c["status"], datetime.fromisoformat(c["at"]), str(c["by"]), str(c.get("note", "")))
            for c in data["history"]
        ]
        ids = (
            str(data["id"]),
            str(data["person"]),
            str(data["service_id"]),
            str(data.get("service_name", "")),
        )
    except (ValueError, KeyError, TypeError) as e:
        raise InputError(
            f"not a paratrain referral record ({type(e).__name__}: {e}).",
            hint="Use a file written by paratrain.referral.to_json.",
        ) from e
    if not changes or changes[0][0] != S.REQUESTED.value:
        raise ReferralStatusError(
            "a referral's history must start with 'requested'.",
            hint="Check the record has not been edited by hand.",
        )
    _, at, by, note = changes[0]
    try:
        referral = new_referral(
            person=ids[1],
            service_id=ids[2],
            service_name=ids[3],
            by=by,
            note=note,
            at=at,
            referral_id=ids[0],
        )
        for status, at, by, note in changes[1:]:
            referral = change_status(referral, status, by=by, note=note, at=at)
    except ValueError as e:  # naive or out-of-order times
        raise InputError(
            f"referral record has a bad time: {e}.",
            hint="Times must include a UTC offset and be in order.",
        ) from e
    return referral
