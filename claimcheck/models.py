"""The records of a claims project, as pydantic models. No I/O happens here.

The models validate what one file says about one record; what needs the
whole project (unknown sources, duplicate ids, quotes in archives) is checked
by the rules in `validate`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Annotated, ClassVar, Literal, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr

ClaimKind = Literal["actual", "target", "forecast", "estimate"]
CLAIM_KINDS: tuple[str, ...] = ClaimKind.__args__  # type: ignore[attr-defined]
ReviewStatus = Literal["explained", "resolved", "disputed"]


class Location(NamedTuple):
    """Where a record or a problem stands: a path relative to the project root, and a 1-based line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


_NO_FIELDS_SET: set[str] = set()


def forget_fields_set(model: BaseModel) -> None:
    """Drop pydantic's per-instance record of which fields were set, for one shared empty set.

    claimcheck never dumps with `exclude_unset` and never assigns to its records, so the record is
    dead weight: for a large corpus it is tens of megabytes, and a third of the time to unpickle."""
    object.__setattr__(model, "__pydantic_fields_set__", _NO_FIELDS_SET)


class Problem(NamedTuple):
    """One thing wrong with the data, printed as `path:line: message` for editors to jump to."""

    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def order(self) -> tuple[str, int]:
        """Sort key: by file, then line, as editors list them."""
        return self.where.path, self.where.line or 0


# --- field types -----------------------------------------------------------

_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _slug(value: str) -> str:
    if not _SLUG.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid id; use letters, digits, '.', '_' and '-' "
            "(no spaces or '/'), e.g. 'gazprom-cnpc-gas-deal'"
        )
    return value


def _address(value: str) -> str:
    """Any address without spaces is kept (`validate --strict` asks for http(s)); only http(s) ever becomes a link."""
    if re.search(r"\s", value):
        raise ValueError(f"{value!r} is not an address: it has spaces; write it as https://...")
    return value


def is_web_address(value: str) -> bool:
    return re.match(r"https?://\S+$", value, flags=re.IGNORECASE) is not None


_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@functools.lru_cache(maxsize=65536)
def date_bounds(text: str) -> tuple[dt.date, dt.date]:
    """First and last day of an ISO 8601 date of reduced precision: `2016`, `2016-12`, `2016-12-01`."""
    match = _PARTIAL_DATE.fullmatch(text)
    if not match:
        raise ValueError(f"{text!r} is not a date; write YYYY-MM-DD (or YYYY-MM, YYYY when the day is unknown)")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return (dt.date(year, month, day),) * 2
    except ValueError:
        raise ValueError(f"{text!r} is not a calendar date; check the month and day") from None


_PERIOD_PART = re.compile(r"\d{4}(?:-Q[1-4]|-\d{2}(?:-\d{2})?)?")
PERIOD_HINT = "write an ISO 8601 period: 2022, 2022-04, 2022-Q1, 2022-04-30, or an interval 2022-01/2022-05"


@functools.lru_cache(maxsize=65536)
def period_bounds(text: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by a period: a year, month, quarter, day, or an interval of those."""
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = period_bounds(first)[0], period_bounds(last)[1]
        if "/" in last or start > end:
            raise ValueError(f"period {text!r} is not a forward interval; {PERIOD_HINT}")
        return start, end
    if not _PERIOD_PART.fullmatch(text):
        raise ValueError(f"period {text!r} is not understood; {PERIOD_HINT}")
    if "-Q" in text:
        year, quarter = int(text[:4]), int(text[-1])
        last_month = quarter * 3
        return dt.date(year, last_month - 2, 1), dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return date_bounds(text)


def _dates(bounds):
    """A validator: the text of a date or period that `bounds` can read (a YAML date as ISO text)."""
    def valid(value: str | dt.date) -> str:
        text = value.isoformat() if isinstance(value, dt.date) else value
        bounds(text)
        return text
    return valid


Slug = Annotated[str, AfterValidator(_slug)]
Url = Annotated[str, AfterValidator(_address)]
PartialDate = Annotated[str, AfterValidator(_dates(date_bounds))]
Period = Annotated[str, AfterValidator(_dates(period_bounds))]
Text = Annotated[str, Field(min_length=1)]


class Record(BaseModel):
    """A record read from a file; it remembers where, so every problem can point at it."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, str_strip_whitespace=True)
    _at: Location | None = PrivateAttr(default=None)
    _lines: tuple[int, ...] | None = PrivateAttr(default=None)

    LATER_FIELDS: ClassVar[tuple[str, ...]] = ()
    """Fields whose own line later checks point at (the rest only need the record's line)."""

    @property
    def at(self) -> Location:
        # Read from pydantic's store of private attributes directly: its __getattr__ is slow, and a
        # large corpus asks every claim where it is written.
        return self.__pydantic_private__["_at"] or Location("<memory>")

    def field_at(self, field: str) -> Location:
        """Where one field of the record is written, for problems about that field."""
        lines = self.__pydantic_private__["_lines"]
        if lines and field in self.LATER_FIELDS:
            line = lines[self.LATER_FIELDS.index(field)]
            if line:
                return Location(self.at.path, line)
        return self.at

    def located(self, where: Location, lines: dict[str, int] | None = None) -> "Record":
        self._at = where
        if lines and self.LATER_FIELDS:
            self._lines = tuple(lines.get(field, 0) for field in self.LATER_FIELDS)
        return self


class Source(Record):
    """An outlet (publisher): `sources/<id>.yaml`."""

    id: Slug
    name: Text
    perspective: Text = Field(description="The label people group outlets by, e.g. 'Russian state media'.")
    kind: str | None = Field(None, description="agency, newspaper, magazine, blog, official statistics, ...")
    country: str | None = None
    url: Url | None = None
    reference: bool = Field(False, description="True for an authoritative dataset such as official statistics.")
    note: str | None = None


class Claim(Record):
    """One figure that one source states, as written, with its provenance."""

    LATER_FIELDS: ClassVar[tuple[str, ...]] = ("figure",)

    id: Slug
    source: Slug = Field(description="The outlet id (from sources/) that made the claim.")
    via: Slug | None = Field(None, description="The outlet that carried it, when it was reposted.")
    url: Url | None = None
    published: PartialDate | None = Field(None, description="YYYY-MM-DD; YYYY-MM or YYYY when the day is unknown.")
    speaker: str | None = Field(None, description="Who is quoted, when not the outlet itself.")
    subject: Slug = Field(description="What the figure is about, e.g. gazprom-cnpc-gas-deal.")
    property: Slug = Field(description="Which figure of the subject, e.g. duration.")
    period: Period | None = Field(None, description="ISO 8601: 2022, 2022-04, 2022-Q1, 2022-01/2022-05.")
    figure: Text = Field(description="The figure exactly as written in the source, e.g. 'about $400 billion'.")
    kind: ClaimKind
    scope: str | None = Field(None, description="Claims of different scope never conflict.")
    as_of: PartialDate | None = Field(None, description="The date the figure holds at, when not `published`.")
    quote: str | None = Field(None, description="The sentence of the source, verbatim.")
    archive: str | None = Field(None, description="A local copy of the article, relative to the project root.")
    note: str | None = None


class Member(NamedTuple):
    """What the conflict check, the project-wide rules and the finding lines need of a claim, and no
    more: a row of the index's `claims` table, cheap to read back for every claim of a large corpus."""

    id: str
    source: str
    via: str | None
    speaker: str | None
    subject: str
    property: str
    period: str | None
    kind: str
    scope: str | None
    as_of: str | None
    published: str | None
    figure: str
    path: str
    line: int | None
    quote: str | None = None
    archive: str | None = None

    @classmethod
    def of(cls, claim: Claim) -> "Member":
        fields, at = claim.__dict__, claim.at  # the fields' own store: a large corpus makes a member of every claim
        return cls._make((fields["id"], fields["source"], fields["via"], fields["speaker"], fields["subject"], fields["property"],
                          fields["period"], fields["kind"], fields["scope"], fields["as_of"], fields["published"],
                          fields["figure"], at.path, at.line, fields["quote"], fields["archive"]))

    @property
    def at(self) -> Location:
        return Location(self.path, self.line)


class Subject(Record):
    """A named subject and the other slugs that mean it: `claims/subjects.yaml`."""

    id: Slug
    name: str | None = None
    aliases: list[Slug] = []
    note: str | None = None


class Review(Record):
    """What a person decided about a conflict: `claims/reviews.yaml`."""

    LATER_FIELDS: ClassVar[tuple[str, ...]] = ("conflict", "preferred")

    conflict: Text
    status: ReviewStatus
    preferred: list[Slug] = []
    claims: list[Slug] | None = None  # the claims the conflict held when reviewed; None: those it holds now
    note: str | None = None
    reviewed: PartialDate | None = None


class Settings(Record):
    """Tolerances, read from an optional `claimcheck.yaml` at the project root."""

    about_tolerance: float = Field(0.10, ge=0, le=1, description="'about X' is X plus or minus this share of X, or half a unit of X's last written digit where that is wider.")
    exact_tolerance: float = Field(0.0, ge=0, le=1, description="A figure without a hedge is X plus or minus this share of X, or half a unit of its last written digit where that is wider.")
    conversion_tolerance: float = Field(0.02, ge=0, le=1, description="How much a currency-converted interval widens on each side.")
    min_spread: float = Field(0.0, ge=0, description="Conflicts whose spread is below this are minor: listed and labelled, never failing check.")
    nouns: tuple[str, ...] = Field((), description="Counted nouns of this project that are one letter from a unit and no English word (a brand, a local term); a figure counting them is read, not refused as a misspelt unit.")


def plain(x: float) -> str:
    """A number as a person writes it: '1,300', '0.5' (the figures' refusals and every output's wording)."""
    if abs(x) >= 1000:
        text = f"{x:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{x:.6g}"
        if "e" in text:
            text = f"{x:.8f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


Dimension = Literal["money", "length", "area", "volume", "mass", "duration", "speed", "power", "energy", "temperature",
                    "temperature_change", "data", "frequency", "magnitude", "percent", "percentage_points", "count", "rate"]
Qualifier = Literal["exact", "about", "nearly", "more_than", "at_least", "less_than", "at_most", "range", "vague"]


class Figure(BaseModel):
    """A figure as written, read into a central value and an interval in a canonical unit."""

    model_config = ConfigDict(frozen=True)
    text: str
    value: float
    low: float | None
    high: float | None
    unit: str
    dimension: Dimension
    qualifier: Qualifier
    noun: str = ""
    written_unit: str = ""
    """A rate's unit as written ("bpd", "per thousand cubic metres"): it is shown in these words."""
    written_factor: float | None = None
    """How many canonical units one written unit is, to show the value in the written unit."""
    range_low: float | None = None
    range_high: float | None = None
    """A range's two ends as written ("$22-30bn": 22 and 30 billion), so a side shows what was said."""


class Corpus(BaseModel):
    """Everything loaded from one claims project."""

    settings: Settings = Settings()
    sources: dict[str, Source] = {}
    claims: list[Claim] = []
    subjects: list[Subject] = []
    reviews: list[Review] = []
    archives: dict[str, tuple[str | None, str | None]] = {}
    """Each archive a claim names: its text made comparable, or why claims cannot be checked against it."""

    def canonical_subject(self, subject: str) -> str:
        return self.alias_map().get(subject, subject)

    def alias_map(self) -> dict[str, str]:
        """Each alias slug and the subject it names (the first one, where a slug is named twice)."""
        return {alias: entry.id for entry in reversed(self.subjects) for alias in entry.aliases}


class Conversion(BaseModel):
    """How one claim's money was converted for comparison: at which ECB rate, of which date."""

    claim: str
    source: str
    target: str
    rate: float
    rate_date: str
    figure_date: str


class ClaimInterval(BaseModel):
    """One claim's interval in its group's unit (after any conversion), for charts and reports."""

    claim: str
    low: float | None
    high: float | None
    value: float
    qualifier: str


class Side(BaseModel):
    """Claims that agree with each other: every one of them allows the values from low to high."""

    claims: list[str]
    low: float | None
    high: float | None
    unit: str
    value: float
    """Where the side sits, to order sides: its stated value, or the middle of its stated span."""
    stated_low: float | None = None
    stated_high: float | None = None
    """The span of what the side's claims state (one value when they agree on it): its headline."""
    outlets: list[str]
    origins: int
    """How many independent origins its claims have (`origins.py`): three outlets repeating one quote are one."""
    perspectives: list[str]
    speakers: list[str]


class StaleReview(BaseModel):
    """A review whose conflict has gained or lost claims since: the conflict is open again."""

    status: str
    reviewed: str | None = None
    joined: list[str] = []
    left: list[str] = []


class Conflict(BaseModel):
    """Comparable claims that cannot all be right: two or more sides, ordered by value."""

    id: str
    subject: str
    property: str
    period: str | None
    kind: str
    scope: str | None
    status: str = "open"
    spread: float | None
    perspective_split: bool
    reference: bool
    reference_outlets: list[str] = []
    sides: list[Side]
    conversions: list[Conversion] = []
    intervals: list[ClaimInterval] = []
    review_note: str | None = None
    reviewed: str | None = None
    minor: bool = False  # spread below the `min_spread` setting: listed, never failing `check`
    stale_review: StaleReview | None = None


class TargetResult(BaseModel):
    """A target and an actual figure of the same period: met when the actual reaches the target."""

    id: str
    verdict: Literal["met", "missed"]
    target: str
    actual: str
    unit: str
    target_low: float | None
    target_high: float | None
    actual_low: float | None
    actual_high: float | None
    conversions: list[Conversion] = []


class NotComparable(BaseModel):
    """Claims of a comparable group that could not be compared, and exactly why."""

    group: str
    claims: list[str]
    reason: str


class Agreement(BaseModel):
    """A group of two or more comparable claims that all agree."""

    id: str
    claims: list[str]
    low: float | None
    high: float | None
    unit: str
