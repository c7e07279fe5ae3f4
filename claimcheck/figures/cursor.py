"""A position in a text's tokens, and the phrases of the vocabulary's tables that start there."""

from __future__ import annotations

from .tokens import Token, Tokens
from .vocabulary import Table, Vocabulary


class Cursor:
    """Where the reader stands in the tokens. `whole` is True when the tokens are one figure (`parse`),
    False when the figure is read out of a sentence and ends where the grammar ends (`read_prefix`)."""

    __slots__ = ("tokens", "n", "i", "vocab", "whole", "direction", "start", "nouns")

    def __init__(self, tokens: Tokens, i: int, vocab: Vocabulary, whole: bool, nouns: tuple[str, ...] = ()):
        self.tokens, self.n, self.i, self.start = tokens, len(tokens), i, i
        self.vocab, self.whole, self.nouns = vocab, whole, nouns
        self.direction = 0  # -1 when a word says the figure fell, 1 when it rose

    def peek(self, offset: int = 0) -> Token | None:
        index = self.i + offset
        return self.tokens[index] if 0 <= index < self.n else None

    def text_at(self, offset: int = 0) -> str | None:
        index = self.i + offset
        return self.tokens[index].text if 0 <= index < self.n else None

    def at_end(self, offset: int = 0) -> bool:
        return self.i + offset >= self.n

    def match(self, table: Table, offset: int = 0, case: bool = False) -> tuple[str, int] | None:
        """The longest phrase of `table` at the cursor (plus `offset`), as (meaning, tokens)."""
        start = self.i + offset
        if not 0 <= start < self.n:
            return None
        phrase = self.tokens[start].raw if case else self.tokens[start].text
        pieces = table.firsts.get(phrase)
        if pieces is None:
            return None
        meaning = table.get(phrase)
        found = None if meaning is None else (meaning, 1)
        for end in range(start + 1, min(start + pieces, self.n)):  # a one-word phrase is looked up once
            token = self.tokens[end]
            piece = token.raw if case else token.text
            phrase += piece if token.attached else " " + piece  # as `vocabulary.key` joins a phrase's pieces
            meaning = table.get(phrase)
            if meaning is not None:
                found = (meaning, end - start + 1)
        return found

    def starts_any(self, *tables: Table, offset: int = 0) -> bool:
        """Whether a phrase of any of `tables` may start at the cursor: one look instead of a match per table."""
        index = self.i + offset
        if not 0 <= index < self.n:
            return False
        text = self.tokens[index].text
        for table in tables:
            if text in table.firsts:
                return True
        return False

    def match_before(self, table: Table, offset: int = 0) -> tuple[str, int] | None:
        """The longest phrase of `table` that ends just before the cursor (plus `offset`)."""
        end = self.i + offset
        for size in range(min(table.longest, end), 0, -1):
            run = self.tokens[end - size:end]
            text = "".join((" " if k and not t.attached else "") + t.text for k, t in enumerate(run))
            if text in table:
                return table[text], size
        return None

    def take(self, table: Table) -> str | None:
        if self.i >= self.n or self.tokens[self.i].text not in table.firsts:
            return None
        found = self.match(table)
        if found is None:
            return None
        self.i += found[1]
        return found[0]

    def unit_at(self, offset: int = 0) -> tuple[str, int] | None:
        """A unit word at the cursor: symbols as written, words in any case."""
        index = self.i + offset
        if not 0 <= index < self.n:
            return None
        token, units = self.tokens[index], self.vocab.units
        exact = self.match(units.exact, offset, case=True) if token.raw in units.exact.firsts else None
        folded = self.match(units.folded, offset) if token.text in units.folded.firsts else None
        if exact and folded:
            return exact if exact[1] >= folded[1] else folded
        return exact or folded

    def designation(self, offset: int = 0) -> int:
        """How many tokens from the cursor make a name with a number or a letter joined to it ("F-16", "C-130",
        "G7", "A350", "M1", "Covid-19", "R&D", "F-35s"), which is what a count counts, never a unit or a range;
        0 when none starts here."""
        index = self.i + offset
        if index + 1 >= self.n:
            return 0
        head, joined = self.tokens[index], self.tokens[index + 1]
        if head.kind != "word" or not head.raw[:1].isupper() or len(head.raw) > 6 or not joined.attached:
            return 0
        end = index + 1
        if joined.text in ("-", "&") and end + 1 < self.n and self.tokens[end + 1].attached \
                and self.tokens[end + 1].kind in ("num", "word") and (joined.text == "&" or self.tokens[end + 1].kind == "num"
                                                                      or self.tokens[end + 1].raw.islower()):
            end += 2  # "F-16", "R&D", "C-suite"
        elif joined.kind == "num":
            end += 1  # "G7", "A350"
        else:
            return 0
        if end < self.n and self.tokens[end].attached and self.tokens[end].raw == "s":
            end += 1  # "F-35s"
        return end - index

    def written(self, start: int, end: int | None = None) -> str:
        """The tokens start..end (the cursor by default) as written."""
        return self.tokens.span(start, self.i if end is None else end) if (end or self.i) > start else ""
