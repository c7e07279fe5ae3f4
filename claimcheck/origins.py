"""Independent origins (design §3): ten outlets repeating one wire story are one source. Pure.

Two claims share an origin when
- their quotes are the same once case, whitespace, punctuation and the shapes of quote marks and
  dashes are folded away ("Trade hit $200 bn," said X. / trade hit $200 bn said x);
- they name the same `via` carrier and the same figure; or
- they name the same speaker and the same figure on the same day.
Sharing is transitive: the origins of a set of claims are the groups that these links join.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Protocol


class Said(Protocol):
    """What the rules read of a claim (a Claim or an index row)."""

    id: str
    source: str
    via: str | None
    speaker: str | None
    published: str | None
    figure: str
    quote: str | None


_NOT_WORDS = re.compile(r"[\W_]+")


def folded_quote(quote: str | None) -> str:
    """A quote with case, whitespace, punctuation and symbols folded away: its words and numbers."""
    text = quote or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _NOT_WORDS.sub(" ", text.casefold()).strip()


def _links(claim: Said) -> Iterable[tuple]:
    """The keys a claim shares with every claim of its origin."""
    if quote := folded_quote(claim.quote):
        yield "quote", quote
    figure = " ".join(claim.figure.split()).casefold()
    if claim.via:
        yield "via", claim.via, figure
    if claim.speaker and claim.published:
        yield "speaker", " ".join(claim.speaker.split()).casefold(), figure, claim.published


def groups(claims: Sequence[Said]) -> list[list[int]]:
    """The origins of `claims`: lists of their positions, in the order of each origin's first claim."""
    parent = list(range(len(claims)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    first: dict[tuple, int] = {}
    for n, claim in enumerate(claims):
        for key in _links(claim):
            if key in first:
                a, b = root(first[key]), root(n)
                parent[max(a, b)] = min(a, b)
            else:
                first[key] = n
    found: dict[int, list[int]] = {}
    for n in range(len(claims)):
        found.setdefault(root(n), []).append(n)
    return list(found.values())


def count(claims: Sequence[Said]) -> int:
    """How many independent origins the claims have."""
    return len(groups(claims)) if len(claims) > 1 else len(claims)
