"""What a service costs, from HSDS ``cost_option`` rows.

Each row is one price: an ``amount`` in a ``currency``, for an ``option`` (who pays it) and
possibly only between ``valid_from`` and ``valid_to``. paratrain reads a service as:

- **free** when every price valid on the day is 0;
- **free for some** when the lowest is 0 and another is not (a sliding scale, or free with
  Medicaid), shown as "Free to $140 per session (depends on income or cover)";
- **from $X** otherwise;
- **not listed** when there are no rows: then ``fees_description`` is shown and the worker is
  told to ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "$"}


@dataclass(frozen=True)
class CostOption:
    """One HSDS ``cost_option`` row, typed."""

    amount: float | None
    currency: str
    option: str
    per: str
    valid_from: date | None = None
    valid_to: date | None = None

    def valid_on(self, day: date) -> bool:
        """True when this price applies on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


def money(amount: float, currency: str) -> str:
    """``12.5, "USD"`` -> ``"$12.50"``; whole amounts without cents.

    Parameters
    ----------
    amount:
        The amount.
    currency:
        ISO 4217 code such as ``"USD"`` (any letter case).

    Returns
    -------
    str
    """
    symbol = SYMBOLS.get(currency.upper())
    figure = f"{amount:,.0f}" if amount == int(amount) else f"{amount:,.2f}"
    return f"{symbol}{figure}" if symbol else f"{figure} {currency.upper()}".strip()


def lowest(costs: tuple[CostOption, ...], day: date) -> float | None:
    """The lowest amount valid on ``day``, or ``None`` when no price is listed for it.

    Parameters
    ----------
    costs:
        The service's cost options.
    day:
        The day the person would use the service.

    Returns
    -------
    float or None
    """
    amounts = [c.amount for c in costs if c.amount is not None and c.valid_on(day)]
    return min(amounts) if amounts else None


def summary(costs: tuple[CostOption, ...], day: date, fees_description: str = "") -> str:
    """A short, readable cost, e.g. ``"Free"``, ``"Free to $140 per session (depends on income
    or cover)"``, ``"$2.50 per ride"`` or ``"Not listed"``.

    Parameters
    ----------
    costs:
        The service's cost options.
    day:
        The day the person would use the service.
    fees_description:
        HSDS ``service.fees_description``, shown when no price is listed.

    Returns
    -------
    str
    """
    valid = [c for c in costs if c.amount is not None and c.valid_on(day)]
    if not valid:
        return f"Not listed: {fees_description}" if fees_description else "Not listed"
    amounts = sorted({c.amount for c in valid if c.amount is not None})
    top = max(valid, key=lambda c: c.amount or 0.0)
    per = f" {top.per}" if top.per else ""
    if amounts == [0]:
        return "Free"
    if amounts[0] == 0:
        return f"Free to {money(amounts[-1], top.currency)}{per} (depends on income or cover)"
    if len(amounts) == 1:
        return f"{money(amounts[0], top.currency)}{per}"
    return f"{money(amounts[0], top.currency)} to {money(amounts[-1], top.currency)}{per}"
