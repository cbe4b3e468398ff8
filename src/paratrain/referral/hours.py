"""Opening hours from HSDS ``schedule`` rows: is a service open at a moment, and what are its
hours on a day.

HSDS 3.0 schedules follow iCalendar (RFC 5545) recurrence rules. paratrain reads:

- ``freq`` WEEKLY (or empty) with ``byday`` such as ``MO,TU,WE``; ``interval`` with
  ``dtstart`` for every-other-week rules;
- ``freq`` MONTHLY with ``byday`` such as ``2SA`` (second Saturday) or ``-1WE`` (last
  Wednesday), or with ``bymonthday``;
- no ``byday`` and no ``bymonthday``: every day;
- ``opens_at``/``closes_at``; a closing time at or before the opening time runs past midnight
  (19:00-07:00), and 00:00-23:59 or equal times mean open all day;
- ``valid_from``/``valid_to``/``until``: the dates the rule holds.

It does not read ``count``, ``byweekno`` or ``byyearday``; a rule with no opening and closing
times cannot say whether the service is open, so it counts as "hours not listed".

**Time zones.** A time with an offset (``09:00:00-05:00``) is read in that offset; otherwise
the row's ``timezone`` column (a UTC offset in hours) is used; otherwise the directory's own
time zone (an IANA name such as ``America/Chicago``). HSDS says times without a zone are UTC,
but real exports write local wall-clock times, and reading them as UTC would show a 9-to-5
service as open at night; paratrain uses the directory's time zone instead, which also follows
daylight saving time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")
_END_OF_DAY = time(23, 59)


@dataclass(frozen=True)
class Rule:
    """One schedule row, typed.

    Attributes
    ----------
    weekdays:
        Weekly rule: weekday numbers (Monday is 0). Empty with ``monthly`` and ``monthdays``
        empty means every day.
    monthly:
        Monthly rule: (n, weekday) pairs; n = 2 is the second, n = -1 the last in the month.
    monthdays:
        Monthly rule: days of the month; negative counts from the end.
    opens, closes:
        Local opening and closing times, or ``None`` when not given.
    zone:
        The time zone the times are in, or ``None`` for the directory's.
    valid_from, valid_to:
        First and last day the rule holds.
    interval, start:
        Every ``interval`` weeks counted from the week of ``start``.
    description:
        The row's own words about the hours.
    """

    weekdays: frozenset[int] = frozenset()
    monthly: tuple[tuple[int, int], ...] = ()
    monthdays: tuple[int, ...] = ()
    opens: time | None = None
    closes: time | None = None
    zone: tzinfo | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    interval: int = 1
    start: date | None = None
    description: str = ""

    @property
    def timed(self) -> bool:
        """True when the rule gives both an opening and a closing time."""
        return self.opens is not None and self.closes is not None

    @property
    def all_day(self) -> bool:
        """True for 00:00-23:59 or equal opening and closing times."""
        return self.timed and (
            self.opens == self.closes or (self.opens == time(0) and self.closes == _END_OF_DAY)
        )

    @property
    def overnight(self) -> bool:
        """True when the closing time is on the next day."""
        if self.opens is None or self.closes is None or self.all_day:
            return False
        return self.closes <= self.opens

    def holds_on(self, day: date) -> bool:
        """True when the rule says the service opens on ``day``."""
        if (self.valid_from and day < self.valid_from) or (self.valid_to and day > self.valid_to):
            return False
        if self.interval > 1 and self.start is not None:
            weeks = (day - self.start).days // 7
            if weeks < 0 or weeks % self.interval:
                return False
        if self.monthly or self.monthdays:
            return _monthly_holds(self, day)
        return not self.weekdays or day.weekday() in self.weekdays


def _monthly_holds(rule: Rule, day: date) -> bool:
    last = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    for n, weekday in rule.monthly:
        if day.weekday() != weekday:
            continue
        from_start = (day.day - 1) // 7 + 1
        from_end = (last.day - day.day) // 7 + 1
        if (n > 0 and from_start == n) or (n < 0 and from_end == -n):
            return True
    return any(day.day == (d if d > 0 else last.day + 1 + d) for d in rule.monthdays)


def parse_time(text: str) -> tuple[time | None, tzinfo | None]:
    """``"09:00:00"``, ``"09:00"`` or ``"09:00:00-05:00"`` -> (time, zone or ``None``).

    Parameters
    ----------
    text:
        An HSDS ``opens_at`` or ``closes_at`` value.

    Returns
    -------
    tuple
        ``(None, None)`` when ``text`` is empty or not a time.
    """
    m = _TIME.match(text.strip())
    if not m or int(m.group(1)) > 23:
        return None, None
    clock = time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    offset = m.group(4)
    if not offset:
        return clock, None
    if offset == "Z":
        return clock, UTC
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return clock, timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_rule(row: dict[str, str]) -> Rule:
    """Turn one HSDS ``schedule`` row (all values text) into a :class:`Rule`.

    Parameters
    ----------
    row:
        Field name -> value, as read from ``schedules.csv``.

    Returns
    -------
    Rule
    """
    opens, zone_open = parse_time(row.get("opens_at", ""))
    closes, zone_close = parse_time(row.get("closes_at", ""))
    zone = zone_open or zone_close
    offset = _number(row.get("timezone", ""))
    if zone is None and offset is not None and abs(offset) < 24:
        zone = timezone(timedelta(hours=offset))
    weekdays: set[int] = set()
    monthly: list[tuple[int, int]] = []
    monthly_freq = row.get("freq", "").strip().upper() == "MONTHLY"
    for part in filter(None, (p.strip().upper() for p in row.get("byday", "").split(","))):
        code, n = part[-2:], part[:-2]
        if code not in WEEKDAYS:
            continue
        if monthly_freq and n.lstrip("+-").isdigit():
            monthly.append((int(n), WEEKDAYS.index(code)))
        else:
            weekdays.add(WEEKDAYS.index(code))
    monthdays = (
        tuple(
            int(d) for d in row.get("bymonthday", "").split(",") if d.strip().lstrip("+-").isdigit()
        )
        if monthly_freq
        else ()
    )
    interval = _number(row.get("interval", ""))
    return Rule(
        weekdays=frozenset(weekdays),
        monthly=tuple(monthly),
        monthdays=monthdays,
        opens=opens,
        closes=closes,
        zone=zone,
        valid_from=_date(row.get("valid_from", "")),
        valid_to=_date(row.get("valid_to", "")) or _date(row.get("until", "")),
        interval=max(1, int(interval)) if interval else 1,
        start=_date(row.get("dtstart", "")),
        description=row.get("description", "").strip(),
    )


def _number(text: str) -> float | None:
    try:
        return float(text) if text.strip() else None
    except ValueError:
        return None


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None


def is_open(rules: tuple[Rule, ...], at: datetime, zone: tzinfo) -> bool | None:
    """Whether the schedule says the service is open at ``at``.

    Parameters
    ----------
    rules:
        The schedule rules that apply to the service at this place.
    at:
        The moment, timezone-aware.
    zone:
        The directory's time zone, for rules that give none.

    Returns
    -------
    bool or None
        ``None`` when no rule has opening and closing times (hours not listed).
    """
    timed = [r for r in rules if r.timed]
    if not timed:
        return None
    for r in timed:
        local = at.astimezone(r.zone or zone)
        day, now = local.date(), local.time().replace(tzinfo=None)
        assert r.opens is not None and r.closes is not None
        if r.holds_on(day) and (r.all_day or r.opens <= now < _closing(r, same_day=True)):
            return True
        yesterday = day - timedelta(days=1)
        if r.overnight and r.holds_on(yesterday) and now < r.closes:
            return True
    return False


def _closing(rule: Rule, *, same_day: bool) -> time:
    assert rule.closes is not None
    if rule.closes == _END_OF_DAY or (same_day and rule.overnight):
        return time.max
    return rule.closes


def hours_on(rules: tuple[Rule, ...], day: date) -> str:
    """The hours on ``day`` in words, e.g. ``"08:30-19:00"``, ``"Open 24 hours"``,
    ``"19:00-07:00 (closes next day)"``, ``"Closed"`` or ``"Not listed"``.

    Parameters
    ----------
    rules:
        The schedule rules that apply to the service at this place.
    day:
        The local date.

    Returns
    -------
    str
    """
    timed = [r for r in rules if r.timed]
    if not timed:
        described = "; ".join(r.description for r in rules if r.description)
        return f"Not listed: {described}" if described else "Not listed"
    today = sorted((r for r in timed if r.holds_on(day)), key=lambda r: r.opens or time())
    if not today:
        seasonal = [r for r in timed if r.valid_from or r.valid_to]
        if seasonal and len(seasonal) == len(timed):
            return f"Closed ({seasonal[0].description or 'seasonal'})"
        return "Closed"
    if any(r.all_day for r in today):
        return "Open 24 hours"
    spans = []
    for r in today:
        assert r.opens is not None and r.closes is not None
        span = f"{r.opens:%H:%M}–{r.closes:%H:%M}"
        spans.append(span + (" (closes next day)" if r.overnight else ""))
    return ", ".join(spans)


def next_time_on(weekday: int, clock: time, now: datetime) -> datetime:
    """The next moment that falls on ``weekday`` at ``clock``, from ``now`` on (same zone).

    Used to turn a "Tuesday at 14:00" picker into a datetime. Today counts when the time has
    not passed yet.

    Parameters
    ----------
    weekday:
        Monday is 0.
    clock:
        Local time of day.
    now:
        The current moment; the result is in its time zone.

    Returns
    -------
    datetime
    """
    days = (weekday - now.weekday()) % 7
    candidate = datetime.combine(now.date() + timedelta(days=days), clock, tzinfo=now.tzinfo)
    return candidate if candidate >= now else candidate + timedelta(days=7)
