"""``python -m dbkit review``."""

from dbkit.review import main

__all__ = ["main"]
