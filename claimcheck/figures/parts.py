"""What the grammar builds a figure from: an amount as written, and a unit raised to a power."""

from __future__ import annotations

from dataclasses import dataclass

from .numbers import Number


@dataclass(slots=True)
class Unit:
    """A unit as written: a pint unit name raised to a power."""

    name: str
    power: int = 1


@dataclass(slots=True)
class Amount:
    number: Number
    sign: int = 1
    signed: bool = False  # written with + or - ("-15€"), not made negative by a word
    scale: float | None = None
    currency: str | None = None
    unit: Unit | None = None
    percent: str | None = None  # "% 1", "pp 1" or "pp 0.01": the unit and how many of it one is
    per: str | None = None  # a rate's denominator: a pint unit name or a noun ("person")
    per_size: float = 1.0  # how many of the denominator the rate is per ("per 1,000 cubic metres")
    rate_factor: float = 1.0  # a rate unit's own amount ("mtpa": a million tonnes)
    constant: bool = False  # "absolute zero": exact, no written precision
    unit_first: bool = False  # the unit written before the number ("magnitude 7.1")
    written: str = ""  # the unit as written, to show the figure in it ("bpd", "per thousand cubic metres")

    def has_unit(self) -> bool:
        return bool(self.currency or self.unit or self.percent)
