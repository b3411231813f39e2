"""``python -m dbkit situation``."""

from dbkit.exercise.situations import main

__all__ = ["main"]
