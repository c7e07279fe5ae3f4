"""claimcheck: a source-attributed claims tracker that flags where sources contradict each other."""

__version__ = "0.1.0"
