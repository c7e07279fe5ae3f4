class FigureError(ValueError):
    """A figure that cannot be read; the message says why and what to write instead."""


class TwoReadings(FigureError):
    """A figure that reads two ways ('1800 hours' a duration or 18:00, 'a half-point gain' index or percentage
    points): refused visibly in a sentence even where its number alone would be no figure (a year, a word)."""


class RefusedThrough(TwoReadings):
    """In a sentence, words refused together up to the token `end`: read one at a time they would be misread ("from
    0.25% up to 5.5%", a range or a change: "up to 5.5%" alone is no 'at most')."""

    def __init__(self, message: str, end: int):
        super().__init__(message)
        self.end = end


class ExchangeRate(RefusedThrough):
    """An exchange rate, refused whole ("7.2 yuan to the dollar", "$1.08 per euro"); where it would be a range's second
    end it ends no range: in "gained 1.1% to 18.2 per dollar" the change stands and the rate is refused alone."""


class Ambiguous(FigureError):
    """A word of [ambiguous] names several things ("32 riyals", "¥4.3 trillion", "5 pints"): refused with the
    choices; in a sentence the refusal holds the amount with its words, and an amount restated in brackets after
    it ("(S$12)") is still found, as a conversion."""


class RefusedRange(FigureError):
    """A range refused as a whole ("5 to 3" runs backwards, "50 to 60,000" may mean 50,000 to 60,000): in a
    sentence neither end is found alone."""


class NoFigure(FigureError):
    """No figure starts here: in a sentence, the reader moves on; in a figure field, it is refused."""


def unread_rate(written: str) -> FigureError:
    """A rate after the figure that the reader cannot read ("per Apple Inc share"): the amount alone would be
    a misreading."""
    return FigureError(f"'{written}' after the figure is a rate claimcheck cannot read; write the rate at the end, "
                       "per a unit or a thing ('$1.5bn a year', '$2 per share')")
