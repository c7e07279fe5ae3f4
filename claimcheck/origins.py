"""Independent origins (design §3): ten outlets repeating one wire story are one source. Pure.

Two claims share an origin when
- their quotes are the same once case, whitespace, punctuation and the shapes of quote marks and
  dashes are folded away ("Trade hit $200 bn," said X. / trade hit $200 bn said x);
- they name the same `via` carrier and the same figure; or
- they name the same speaker and the same figure on the same day (a full date).
Sharing is transitive: the origins of a set of claims are the groups that these links join.
"""

from __future__ import annotations

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


class _Folding(dict):
    """str.translate's table for quotes: punctuation, spaces and control characters become a space,
    every other character (letters, digits, symbols such as $ and €) stays; filled as they are met."""

    def __missing__(self, code: int) -> str:
        character = chr(code)
        self[code] = " " if unicodedata.category(character)[0] in "PZC" and character != "%" else character
        return self[code]


_FOLDING = _Folding()


def folded_quote(quote: str | None) -> str:
    """A quote with case, whitespace and punctuation (quote marks and dashes of every shape) folded
    away; its words, numbers and symbols kept, so "$200" and "€200" stay apart."""
    text = quote or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().translate(_FOLDING).split())


def links(claim: Said) -> list[tuple]:
    """The keys a claim shares with every claim of its origin."""
    return list(_links(claim))


def _links(claim: Said) -> Iterable[tuple]:
    if quote := folded_quote(claim.quote):
        yield "quote", quote
    figure = " ".join(claim.figure.split()).casefold()
    if claim.via:
        yield "via", claim.via, figure
    if claim.speaker and claim.published and len(claim.published) == 10:  # a day: "2023" is no day
        yield "speaker", " ".join(claim.speaker.split()).casefold(), figure, claim.published


def groups(claims: Sequence[Said]) -> list[list[int]]:
    """The origins of `claims`: lists of their positions, in the order of each origin's first claim."""
    return joined([_links(claim) for claim in claims])


def joined(keys: Sequence[Iterable[Sequence]]) -> list[list[int]]:
    """The origins of claims given by their keys (`links`, in any sequence type), one entry per claim:
    lists of their positions, in the order of each origin's first claim."""
    parent = list(range(len(keys)))  # each origin's root is its first claim: a root is joined under the smaller

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    first: dict[tuple, int] = {}
    for n, claim_keys in enumerate(keys):
        for key in claim_keys:
            m = first.setdefault(tuple(key), n)
            if m != n:
                a, b = root(m), root(n)
                if a < b:
                    parent[b] = a
                elif b < a:
                    parent[a] = b
    found: dict[int, list[int]] = {}
    for n in range(len(keys)):
        found.setdefault(root(n), []).append(n)
    return list(found.values())


def count(claims: Sequence[Said]) -> int:
    """How many independent origins the claims have."""
    return len(groups(claims)) if len(claims) > 1 else len(claims)
