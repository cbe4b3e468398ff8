"""Notebook widgets for trainees: a directory search form and a referral tracker.

Both are thin views: every change calls :func:`~paratrain.referral.search` or
:func:`~paratrain.referral.change_status` and redraws with :mod:`.render`. Every control has a
visible label (its ``description``) and is a native form element, so it can be reached with Tab
and used with the keyboard. These are the edge of the package: a problem with the worker's
input is shown on screen rather than raised.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time
from html import escape
from typing import Any

import ipywidgets as w

from paratrain.errors import ParatrainError

from .categories import CATEGORIES
from .directory import Directory, load_directory
from .geo import places
from .hours import next_time_on
from .languages import known_names
from .matching import search
from .render import referral_html, results_html
from .tracking import Referral, Status, allowed_moves, change_status, new_referral

Clock = Callable[[], datetime]
_WIDE = {"description_width": "initial"}
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DirectorySearch:
    """The search form. Show it by leaving it as the last line of a cell.

    Attributes
    ----------
    need, words, language, age, near, open_now, day, time, free_only, accessible,
    include_inactive:
        The controls.
    message:
        Count of results, or what to fix in the form.
    results:
        The results table.
    view:
        The whole form as one widget.
    """

    def __init__(self, directory: Directory, clock: Clock) -> None:
        self.directory, self.clock = directory, clock
        langs = known_names(k for o in directory.catalog for k in o.language_keys)
        self.need = w.Dropdown(
            description="Need",
            style=_WIDE,
            options=[("Any need", ""), *((c.label, c.key) for c in CATEGORIES)],
        )
        self.words = w.Text(
            description="Words to look for",
            style=_WIDE,
            placeholder="e.g. eviction",
            continuous_update=False,
        )
        self.language = w.Dropdown(
            description="Language",
            style=_WIDE,
            options=[("Any language", ""), *((n, n) for n in langs)],
        )
        self.age = w.Text(
            description="Age of the person",
            style=_WIDE,
            placeholder="e.g. 34",
            continuous_update=False,
        )
        self.near = w.Dropdown(
            description="Near",
            style=_WIDE,
            options=[("Anywhere", ""), *((p, p) for p in places(directory))],
        )
        self.open_now = w.Checkbox(description="Open now", indent=False)
        self.day = w.Dropdown(
            description="Or open on",
            style=_WIDE,
            options=[("Any day", None), *((d, i) for i, d in enumerate(_DAYS))],
        )
        self.time = w.TimePicker(description="at", value=time(10, 0), disabled=True)
        self.free_only = w.Checkbox(description="Free only", indent=False)
        self.accessible = w.Checkbox(description="Accessible places only", indent=False)
        self.include_inactive = w.Checkbox(description="Also show closed services", indent=False)
        self.message = w.HTML()
        self.results = w.HTML()
        controls = (
            self.need,
            self.words,
            self.language,
            self.age,
            self.near,
            self.open_now,
            self.day,
            self.time,
            self.free_only,
            self.accessible,
            self.include_inactive,
        )
        for control in controls:
            control.observe(self.update, names="value")
        self.view = w.VBox(
            [
                w.HTML("<strong>Search the resource directory</strong> (fictional, for training)"),
                w.HBox([self.need, self.words]),
                w.HBox([self.language, self.age, self.near]),
                w.HBox([self.open_now, self.day, self.time]),
                w.HBox([self.free_only, self.accessible, self.include_inactive]),
                self.message,
                self.results,
            ]
        )
        self.update()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)

    def query(self) -> dict[str, Any]:
        """The search arguments the form currently asks for."""
        now = self.clock()
        age = self.age.value.strip()
        if age and not age.replace(".", "", 1).isdigit():
            raise ValueError("Age must be a number of years, e.g. 34, or left empty.")
        open_at = None
        if not self.open_now.value and self.day.value is not None:
            open_at = next_time_on(
                self.day.value, self.time.value or time(10, 0), now.astimezone(self.directory.zone)
            )
        return {
            "needs": [n for n in (self.need.value, self.words.value.strip()) if n],
            "language": self.language.value or None,
            "age": float(age) if age else None,
            "open_now": self.open_now.value,
            "open_at": open_at,
            "now": now,
            "free_only": self.free_only.value,
            "accessible": self.accessible.value or None,
            "near": self.near.value or None,
            "include_inactive": self.include_inactive.value,
        }

    def update(self, change: object = None) -> None:
        """Run the search and redraw (called on every change)."""
        self.day.disabled = self.open_now.value
        self.time.disabled = self.open_now.value or self.day.value is None
        try:
            query = self.query()
            found = search(self.directory, **query)
        except (ValueError, ParatrainError) as e:
            self.message.value = f"<p role='alert'>{escape(str(e))}</p>"
            self.results.value = ""
            return
        when = ""
        if query["open_now"]:
            when = ", open now"
        elif query["open_at"] is not None:
            when = f", open on {query['open_at']:%A at %H:%M}"
        count = f"{len(found)} result" + ("" if len(found) == 1 else "s")
        self.message.value = f"<p role='status'>{count}{when}.</p>"
        self.results.value = results_html(found)


def directory_search(
    directory: Directory | None = None, *, clock: Clock | None = None
) -> DirectorySearch:
    """An interactive search form over the resource directory.

    Parameters
    ----------
    directory:
        Default: :func:`~paratrain.referral.load_directory` (Riverbend unless
        ``PARATRAIN_DIRECTORY`` is set).
    clock:
        Returns "now"; default: the computer's clock. Tests pass a fixed one.

    Returns
    -------
    DirectorySearch
        Displays as the form; its controls can be set from code.
    """
    d = directory if directory is not None else load_directory()
    return DirectorySearch(d, clock or (lambda: datetime.now(d.zone)))


class ReferralTracker:
    """A referral with one button per status; only the allowed moves are enabled.

    Attributes
    ----------
    referral:
        The referral as it is now.
    buttons:
        Status -> its button.
    by, note:
        Who is making the change, and a note to record with it.
    record:
        The status, history and suggested next step.
    """

    def __init__(self, referral: Referral, clock: Clock) -> None:
        self.start, self.referral, self.clock = referral, referral, clock
        self.by = w.Text(description="Your name or role", value="Trainee", style=_WIDE)
        self.note = w.Text(
            description="Note for this change", style=_WIDE, placeholder="What happened?"
        )
        self.buttons = {
            s: w.Button(
                description=s.value.replace("-", " ").capitalize(),
                tooltip=f"Change the status to '{s.value}'",
            )
            for s in Status
            if s is not Status.REQUESTED
        }
        for status, button in self.buttons.items():
            button.on_click(lambda _b, s=status: self.move(s))
        self.restart = w.Button(description="Start again", tooltip="Back to a new referral")
        self.restart.on_click(lambda _b: self.reset())
        self.record = w.HTML()
        self.view = w.VBox(
            [
                w.HTML("<strong>Track a referral</strong> (fictional, for training)"),
                self.record,
                w.HBox([self.by, self.note]),
                w.HBox(list(self.buttons.values())),
                self.restart,
            ]
        )
        self.redraw()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)

    def move(self, status: Status) -> None:
        """Change the referral's status and redraw."""
        try:
            self.referral = change_status(
                self.referral,
                status,
                by=self.by.value.strip() or "Trainee",
                note=self.note.value.strip(),
                at=self.clock(),
            )
        except (ValueError, ParatrainError) as e:
            self.record.value = referral_html(self.referral) + (
                f"<p role='alert'>{escape(str(e))}</p>"
            )
            return
        self.note.value = ""
        self.redraw()

    def reset(self) -> None:
        """Go back to the referral as it started."""
        self.referral = self.start
        self.redraw()

    def redraw(self) -> None:
        """Enable only the allowed moves and show the record."""
        allowed = allowed_moves(self.referral.status)
        for status, button in self.buttons.items():
            button.disabled = status not in allowed
        self.record.value = referral_html(self.referral)


def referral_tracker(
    referral: Referral | None = None,
    *,
    directory: Directory | None = None,
    clock: Clock | None = None,
) -> ReferralTracker:
    """Practise moving a referral through its statuses.

    Parameters
    ----------
    referral:
        Default: a fictional referral of "Client A" to a food service in the directory.
    directory:
        Used only to pick the default referral's service.
    clock:
        Returns "now"; default: the computer's clock (UTC).

    Returns
    -------
    ReferralTracker
        Displays as the tracker.
    """
    tick = clock or (lambda: datetime.now(UTC))
    if referral is None:
        d = directory if directory is not None else load_directory()
        services = [o for o in d.catalog if o.status == "active"] or list(d.catalog)
        pick = next((o for o in services if "food" in o.categories), services[0])
        referral = new_referral(
            person="Client A (fictional)",
            service_id=pick.service_id,
            service_name=pick.service,
            by="Trainee",
            at=tick(),
            note="Needs groceries this week; prefers Spanish.",
        )
    return ReferralTracker(referral, tick)
