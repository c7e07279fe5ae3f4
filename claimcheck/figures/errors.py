class FigureError(ValueError):
    """A figure that cannot be read; the message says why and what to write instead."""


class NoFigure(FigureError):
    """No figure starts here: in a sentence, the reader moves on; in a figure field, it is refused."""
