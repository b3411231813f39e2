"""``python -m dbkit bench``."""

from dbkit.bench import main

__all__ = ["main"]
