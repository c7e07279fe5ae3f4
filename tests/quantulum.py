"""Score the figure reader on quantulum3's annotated quantities (../shared/data/quantulum3/, MIT: read from
there, never copied into the project).

Run: python tests/quantulum.py [--list] [--extract]

With --extract it scores `claimcheck extract --all` instead: every quantity found in each whole
sentence (`extract.scan`), against the annotated quantities, by value and unit together:
precision, recall and F1 (a quantity whose unit claimcheck does not model is a miss).

Each annotated `surface` text goes through `figures.parse`. quantulum3's unit names are mapped
onto claimcheck's canonical units below; a quantity is
- correct: value and unit right (a range is compared by its midpoint, as quantulum3 gives it);
- refused: the reader said it cannot read it (a FigureError) — visible, never a wrong answer;
- misread: a value or unit that is wrong, without a refusal. The goal is none;
- unit outside the text: a bare number whose unit the annotators took from the rest of the sentence.
A unit claimcheck does not model (frequency, radiation dose, angles, ...) is *unmodeled*: for those
only a refusal is right, and the score counts a refusal there as handled correctly.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claimcheck.figures import FigureError, parse  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "quantulum3"
"""Test data written by quantulum3 (MIT, licence beside it), in the shared folder beside the project's checkout."""
MISSING = f"quantulum3's annotated quantities are not at {DATA} (the shared folder beside the checkout); this check needs them"


def available() -> bool:
    return (DATA / "quantities.json").is_file()

YEAR_S = 365.25 * 86400
# quantulum3's unit name -> (claimcheck's canonical unit, how many of them one quantulum3 unit is).
UNITS = {
    "dimensionless": ("", 1.0),
    "percentage": ("%", 1.0),
    "dozen": ("", 12.0), "baker's dozen": ("", 13.0), "gross": ("", 144.0),
    "metre": ("m", 1.0), "kilometre": ("m", 1e3), "mile": ("m", 1609.344), "inch": ("m", 0.0254),
    "nanometre": ("m", 1e-9), "picometre": ("m", 1e-12), "attometre": ("m", 1e-18),
    "square kilometre": ("m2", 1e6), "square mile": ("m2", 1609.344 ** 2),
    "cubic kilometre": ("m3", 1e9), "litre": ("m3", 1e-3), "centilitre": ("m3", 1e-5),
    "cubic centimetre": ("m3", 1e-6), "gallon": ("m3", 0.003785411784), "cup": ("m3", 0.0002365882365),
    "tablespoon": ("m3", 1.478676478125e-05),
    "kilogram": ("kg", 1.0), "milligram": ("kg", 1e-6), "tonne": ("kg", 1e3), "pound-mass": ("kg", 0.45359237),
    "year": ("year", 1.0), "month": ("year", 1 / 12), "week": ("year", 7 / 365.25), "day": ("year", 1 / 365.25),
    "hour": ("year", 1 / (365.25 * 24)), "minute": ("year", 1 / (365.25 * 24 * 60)),
    "gigayear": ("year", 1e9), "megayear": ("year", 1e6),
    "kilometre per hour": ("m/s", 1000 / 3600),
    "watt": ("W", 1.0),
    "watt hour": ("J", 3600.0), "megawatt hour": ("J", 3.6e9), "electronvolt": ("J", 1.602176634e-19),
    "teraelectronvolt": ("J", 1.602176634e-7), "british thermal unit": ("J", 1055.05585262),
    "byte": ("B", 1.0), "kibibyte": ("B", 1024.0), "megabyte": ("B", 1e6), "exabyte": ("B", 1e18), "bit": ("B", 0.125),
    "dollar": ("USD", 1.0), "euro": ("EUR", 1.0), "pound sterling": ("GBP", 1.0),
    "count per week": ("/year", 365.25 / 7), "dollar per hour": ("USD/year", 365.25 * 24),
    "ton per day": ("kg/year", 1e3 * 365.25), "dollar per kilogram": ("USD/kg", 1.0),
    "litre per kilometre": ("m3/m", 1e-6), "watt per minute": ("W/year", 525960.0),
    "gigahertz": ("Hz", 1e9),
}
TEMPERATURES = {"degree Celsius": lambda v: v + 273.15, "degree fahrenheit": lambda v: (v - 32) * 5 / 9 + 273.15,
                "degree Fahrenheit": lambda v: (v - 32) * 5 / 9 + 273.15, "kelvin": lambda v: v}


@dataclass
class Outcome:
    surface: str
    value: float
    unit: str
    verdict: str  # correct, refused, misread
    modeled: bool
    got: str


def expected(value: float, unit: str) -> tuple[str, float] | None:
    """claimcheck's canonical unit and value for a quantulum3 annotation; None when not modeled."""
    if unit in TEMPERATURES:
        return "K", TEMPERATURES[unit](value)
    if unit in UNITS:
        canonical, factor = UNITS[unit]
        return canonical, value * factor
    return None


def judge(surface: str, value: float, unit: str) -> Outcome:
    want = expected(value, unit)
    if unit != "dimensionless" and re.fullmatch(r"[\d.,\s]+", surface):
        # "45" annotated in milligrams because the sentence says "45 and 50 mg": no reader of the text
        # "45" alone can know its unit, so this is counted apart, neither right nor misread.
        return Outcome(surface, value, unit, "unit outside the text", True, "")
    try:
        figure = parse(surface)
    except FigureError as error:
        return Outcome(surface, value, unit, "refused", want is not None, str(error))
    got = f"{figure.value} {figure.unit!r} ({figure.dimension}, {figure.qualifier})"
    if want is None:
        return Outcome(surface, value, unit, "misread", False, got)
    canonical, amount = want
    right = figure.unit == canonical and math.isclose(figure.value, amount, rel_tol=1e-6, abs_tol=1e-9)
    if not right and canonical == "" and figure.unit == "%":  # a fraction word is a share
        right = math.isclose(figure.value, amount * 100, rel_tol=1e-6)
    return Outcome(surface, value, unit, "correct" if right else "misread", True, got)


def outcomes() -> list[Outcome]:
    results = []
    for name in ("quantities.json", "quantities.ambiguity.json"):
        for entry in json.loads((DATA / name).read_text(encoding="utf-8")):
            for quantity in entry["res"]:
                results.append(judge(quantity["surface"], quantity["value"], quantity["unit"]))
    return results


def summary(results: list[Outcome]) -> dict[str, int]:
    counts = {"quantities": len(results), "correct": 0, "refused, unit modeled": 0,
              "refused, unit not modeled": 0, "misread": 0, "unit outside the text": 0}
    for outcome in results:
        if outcome.verdict == "refused":
            counts["refused, unit modeled" if outcome.modeled else "refused, unit not modeled"] += 1
        else:
            counts[outcome.verdict] += 1
    counts["handled correctly"] = counts["correct"] + counts["refused, unit not modeled"]
    return counts


def found_in_sentences(listing: bool = False) -> dict[str, float]:
    """Precision, recall and F1 of value+unit over what `extract.scan(..., everything=True)` finds."""
    from claimcheck.extract import scan

    predicted = right = annotated = 0
    for name in ("quantities.json", "quantities.ambiguity.json"):
        for entry in json.loads((DATA / name).read_text(encoding="utf-8")):
            wanted = [(expected(q["value"], q["unit"]), q["surface"]) for q in entry["res"]]
            annotated += len(wanted)
            for found in scan(entry["req"], everything=True):
                predicted += 1
                figure = found.figure
                hit = next((n for n, (want, _) in enumerate(wanted) if want and _same(figure, *want)), None)
                if hit is None:
                    if listing:
                        print(f"wrong    {found.text!r:30} {figure.value} {figure.unit!r} in {entry['req'][:70]!r}")
                    continue
                right += 1
                wanted.pop(hit)
            if listing:
                for _, surface in wanted:
                    print(f"missed   {surface!r:30} in {entry['req'][:70]!r}")
    precision, recall = right / predicted, right / annotated
    return {"annotated": annotated, "found": predicted, "right": right, "precision": 100 * precision,
            "recall": 100 * recall, "F1": 200 * precision * recall / (precision + recall)}


def _same(figure, canonical: str, amount: float) -> bool:
    if figure.unit == canonical and math.isclose(figure.value, amount, rel_tol=1e-6, abs_tol=1e-9):
        return True
    return canonical == "" and figure.unit == "%" and math.isclose(figure.value, amount * 100, rel_tol=1e-6)


def main() -> None:
    if not available():
        sys.exit(MISSING)
    if "--extract" in sys.argv:
        for name, number in found_in_sentences("--list" in sys.argv).items():
            print(f"{name:10} {number:7.1f}")
        return
    results = outcomes()
    if "--list" in sys.argv:
        for outcome in results:
            if outcome.verdict != "correct":
                print(f"{outcome.verdict:8} {outcome.surface!r:40} want {outcome.value} {outcome.unit}: {outcome.got}")
    counts = summary(results)
    for name, count in counts.items():
        print(f"{name:28} {count:4}  {100 * count / counts['quantities']:5.1f}%")


if __name__ == "__main__":
    main()
