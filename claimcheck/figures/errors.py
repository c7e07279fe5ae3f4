class FigureError(ValueError):
    """A figure that cannot be read; the message says why and what to write instead."""


class TimeOfDay(FigureError):
    """Four digits that may be a time of day ('1800 hours'): refused visibly even where the number alone would read
    as a year, since '2000 hours' is a duration or 20:00, never a year."""


class NoFigure(FigureError):
    """No figure starts here: in a sentence, the reader moves on; in a figure field, it is refused."""


def unread_rate(written: str) -> FigureError:
    """A rate after the figure that the reader cannot read ("per Apple Inc share"): the amount alone would be
    a misreading."""
    return FigureError(f"'{written}' after the figure is a rate claimcheck cannot read; write the rate at the end, "
                       "per a unit or a thing ('$1.5bn a year', '$2 per share')")
