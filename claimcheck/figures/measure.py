"""From amounts as written to an interval in a canonical unit: units through pint, precision, hedges."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..models import Figure, Settings
from .errors import FigureError, RefusedRange
from .vocabulary import Vocabulary, phrase_key

if TYPE_CHECKING:
    from .parts import Amount

# The canonical unit of each dimension pint can tell, as (dimension, unit shown, pint unit).
CANONICAL = (
    ("length", "m", "meter"), ("area", "m2", "meter**2"), ("volume", "m3", "meter**3"), ("mass", "kg", "kilogram"),
    ("duration", "year", "year"), ("speed", "m/s", "meter/second"), ("power", "W", "watt"),
    ("energy", "J", "joule"), ("temperature", "K", "kelvin"), ("frequency", "Hz", "hertz"),
    ("magnitude", "magnitude", "quake_magnitude"),
)
DATA_UNIT = ("data", "B", "byte")  # pint's bytes are dimensionless, so data is told by the unit itself
TEMPERATURES = ("degree_Celsius", "degree_Fahrenheit", "kelvin")
UNSIGNED = {"length", "area", "volume", "mass", "duration", "speed", "power", "energy", "data", "frequency", "count"}
"""Dimensions with no negative amounts: a sign written before them is refused (a change is written with a word)."""


@functools.lru_cache(maxsize=8)
def registry(vocab: Vocabulary):
    import pint  # imported on first use: most figures are money and need no physical units

    units = pint.UnitRegistry()
    for definition in vocab.units.definitions:
        units.define(definition)
    return units


_KINDS: dict[tuple, tuple[str, str, float, float]] = {}
"""`unit_kind` by (vocabulary, unit, power): told by pint in this process, or remembered (`remember`)."""
_NAMES: dict[tuple, str | None] = {}
"""`unit_name` by (vocabulary, word), the same way."""


def unit_kind(vocab: Vocabulary, name: str, power: int = 1) -> tuple[str, str, float, float]:
    """(dimension, canonical unit, factor, offset) of a pint unit raised to `power`: one of it is
    `factor` canonical units, plus `offset` for temperatures (0 °C is 273.15 K)."""
    kind = _KINDS.get((vocab, name, power))
    if kind is None:
        kind = _KINDS[vocab, name, power] = _unit_kind(vocab, name, power)
    return kind


def unit_name(vocab: Vocabulary, word: str) -> str | None:
    """The unit pint reads `word` as, if any."""
    key = (vocab, word)
    if key not in _NAMES:
        try:
            found = registry(vocab).parse_unit_name(word)
        except Exception:  # noqa: BLE001 - pint raises several kinds for words it cannot take apart
            found = ()
        _NAMES[key] = found[0][1] if found else None
    return _NAMES[key]


def remember(vocab: Vocabulary, told_before: dict) -> None:
    """What pint told another process (`told`), so that this one need not load pint (half a second) for them."""
    for name, power, *kind in told_before.get("kinds", ()):
        _KINDS.setdefault((vocab, name, power), tuple(kind))
    for word, name in told_before.get("names", ()):
        _NAMES.setdefault((vocab, word), name)


def told(vocab: Vocabulary) -> dict:
    """What pint told this process (or it remembered): the kinds of units, as [unit, power, dimension, canonical
    unit, factor, offset], and the unit each word reads as, as [word, unit or None]; each sorted."""
    return {"kinds": sorted([name, power, *kind] for (known, name, power), kind in _KINDS.items() if known is vocab),
            "names": sorted([word, name] for (known, word), name in _NAMES.items() if known is vocab)}


def _unit_kind(vocab: Vocabulary, name: str, power: int) -> tuple[str, str, float, float]:
    units = registry(vocab)
    unit = units.Unit(name) ** power
    if name in TEMPERATURES:
        offset = units.Quantity(0, name).to("kelvin").magnitude
        factor = units.Quantity(1, name).to("kelvin").magnitude - offset
        return "temperature", "K", float(factor), float(offset)
    for dimension, shown, target in CANONICAL:
        if unit.is_compatible_with(target):
            return dimension, shown, float((1 * unit).to(target).magnitude), 0.0
    if unit.dimensionless and (1 * units.Unit(name)).to("byte").magnitude and name.endswith(("byte", "bit")):
        return DATA_UNIT[0], DATA_UNIT[1], float((1 * unit).to("byte").magnitude), 0.0
    raise FigureError(f"claimcheck does not compare figures in {name}")


@dataclass(slots=True)
class Measure:
    """How an amount maps onto its canonical unit."""

    dimension: str
    unit: str
    factor: float = 1.0
    offset: float = 0.0


def _denominator(vocab: Vocabulary, per: str) -> tuple[str, str, float] | None:
    """(dimension, canonical unit, factor) of a rate's denominator that is a unit ("m3" for "cubic metres"), else None."""
    name, _, power = per.partition(" ** ")
    if name not in vocab.units.label:
        return None
    try:
        dimension, unit, factor, _ = unit_kind(vocab, name, int(power or 1))
    except FigureError:
        return None
    return dimension, unit, factor


def of(vocab: Vocabulary, amount: Amount, direction: int) -> Measure:
    """The dimension, canonical unit and conversion of an amount."""
    if amount.currency:
        base = Measure("money", amount.currency)
    elif amount.percent:
        unit, size = amount.percent.split()
        base = Measure("percent" if unit == "%" else "percentage_points", unit, float(size))
    elif amount.number.fraction and amount.unit is None:
        base = Measure("percent", "%")
    elif amount.unit is not None:
        dimension, unit, factor, offset = unit_kind(vocab, amount.unit.name, amount.unit.power)
        base = Measure(dimension, unit, factor * amount.rate_factor, offset)
        if dimension == "temperature" and direction:
            base = Measure("temperature_change", "delta_K", factor)  # a change of 1 °C is 1 K
    else:
        base = Measure("count", "")
    if amount.per is None:
        return base
    if base.dimension in ("temperature", "temperature_change"):
        raise FigureError("a temperature per unit of time is not a figure claimcheck compares")
    per = _denominator(vocab, amount.per)
    if per is not None and per[0] == "duration":
        per_year = per[2] * amount.per_size  # years in one of the denominator
        if base.dimension == "length":
            return Measure("speed", "m/s", base.factor / (per_year * 365.25 * 86400))
        if base.dimension in ("percent", "percentage_points"):
            return Measure("rate", f"{base.unit}/{vocab.units.label.get(amount.per, amount.per)}")  # compounding: never converted
        return Measure("rate", f"{base.unit}/year", base.factor / per_year)
    if per is not None:
        return Measure("rate", f"{base.unit}/{per[1]}", base.factor / (per[2] * amount.per_size))
    return Measure("rate", f"{base.unit}/{amount.per}", base.factor)


@functools.cache
def _unit_key(name: str) -> str:
    """A unit's name as the key of its line in a data table (read for every figure, so made once a name)."""
    return phrase_key(name)


def _refuse_too_large(vocab: Vocabulary, first: Amount, second: Amount | None) -> None:
    """'magnitude 10,000': a figure above the largest its unit may have ([largest values]) is no such figure."""
    for end in (first, second):
        unit = end.unit if end is not None else None
        largest = vocab.largest_values.get(_unit_key(unit.name)) if unit is not None else None
        if largest is not None and end.number.value * (end.scale or 1.0) > float(largest):
            raise FigureError(f"{end.number.value * (end.scale or 1.0):,g} is more than {float(largest):g}, the "
                              f"largest {unit.name.replace('_', ' ')} claimcheck reads; check the number "
                              f"against the source")


def _round(x: float | None) -> float | None:
    """`x` to 12 significant digits, so that the noise of float arithmetic does not show."""
    if x is None or x == 0 or not math.isfinite(x):
        return x
    if x % 1 == 0 and abs(x) < 1e12:
        return x  # a whole number of at most 12 digits: rounding leaves it as it is (most values, lows and highs)
    return round(x, 11 - math.floor(math.log10(abs(x))))


def _scaled(amount: Amount, factor: float) -> tuple[float, float]:
    """An amount's value and half its last digit, in canonical units."""
    k = (amount.scale or 1.0) * factor
    return amount.sign * amount.number.value * k, amount.number.half_digit * k


def interval(vocab: Vocabulary, text: str, first: Amount, second: Amount | None, qualifier: str, noun: str,
             direction: int, settings: Settings, widen: bool = False) -> Figure:
    measure = of(vocab, first, direction)
    signed = first.signed or second is not None and second.signed
    if signed and measure.dimension in UNSIGNED:
        raise FigureError(f"a {measure.dimension} is never negative; '-' or '+' before it may mark a class or a change "
                          "('-66kg', '+100kg'): write the figure, with a word such as 'up to', 'more than', 'down'")
    value, half = _scaled(first, measure.factor)
    stated: tuple[float, float] | None = None
    _refuse_too_large(vocab, first, second)
    if not (math.isfinite(value) and math.isfinite(half)):
        raise FigureError("the number is too large to read")
    if first.number.vague:
        k = (first.scale or 1.0) * measure.factor
        low, high = first.number.vague[0] * k, first.number.vague[1] * k
    elif qualifier == "range":
        end, end_half = _scaled(second, measure.factor)
        if end < value <= 0:
            (value, half), (end, end_half) = (end, end_half), (value, half)  # "-18 °C to -34 °C"
        if end < value:
            raise RefusedRange("the range runs backwards; write the smaller figure first")
        if widen:  # "about 25-40 minutes": each end as wide as "about" makes it
            half, end_half = max(half, settings.about_tolerance * abs(value)), max(end_half, settings.about_tolerance * abs(end))
        stated = (value, end)
        low, high, value = value - half, end + end_half, (value + end) / 2
    elif qualifier in ("about", "nearly"):
        tolerance = max(settings.about_tolerance * abs(value), half)
        low, high = value - tolerance, (value + tolerance if qualifier == "about" else value)
    elif qualifier in ("more_than", "at_least"):
        low, high = value, None
    elif qualifier in ("less_than", "at_most"):
        low, high = None, value
    else:
        tolerance = max(settings.exact_tolerance * abs(value), 0.0 if first.constant else half)
        low, high = value - tolerance, value + tolerance
    if direction < 0 and not (signed and value < 0):  # "fell -3.2%" is the fall written twice, never a rise
        value, low, high = -value, (None if high is None else -high), (None if low is None else -low)
        stated = stated and (-stated[1], -stated[0])
    if low is not None and low < 0 <= value and direction >= 0 and measure.dimension in UNSIGNED and not signed:
        low = 0.0  # "0-5 years": an amount written without a sign does not reach below zero
    if measure.offset:
        value, low, high = (None if x is None else x + measure.offset for x in (value, low, high))
        stated = stated and (stated[0] + measure.offset, stated[1] + measure.offset)
    written = (second or first).written if first.per or (second and second.per) else ""
    return Figure.model_validate({  # as Figure(...) does, without building keyword arguments
        "text": text, "value": _round(value), "low": _round(low), "high": _round(high), "unit": measure.unit,
        "dimension": measure.dimension, "qualifier": qualifier, "noun": noun,
        "written_unit": written, "written_factor": _round(measure.factor) if written else None,
        "range_low": stated and _round(stated[0]), "range_high": stated and _round(stated[1])})
