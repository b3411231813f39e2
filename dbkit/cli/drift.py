"""``python -m dbkit drift``."""

from dbkit.drift import main

__all__ = ["main"]
