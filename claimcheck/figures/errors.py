class FigureError(ValueError):
    """A figure that cannot be read; the message says why and what to write instead."""
