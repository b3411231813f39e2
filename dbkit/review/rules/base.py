"""What a rule is. Each module of this package defines one ``RULE = Rule(...)``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dbkit.review.findings import ERROR, SEVERITIES, WARNING, Finding

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.reader import Revision

__all__ = ["ERROR", "WARNING", "Rule"]


@dataclass(frozen=True)
class Rule:
    id: str  # kebab-case, stable: users write it in ignore comments and pyproject.toml
    severity: str  # "error" or "warning", the default; pyproject.toml may override it
    summary: str  # one line, for the rule table
    rationale: str  # why it matters (markdown)
    fix: str  # how to do it safely (markdown)
    example: str = ""  # a revision fragment that is reported (python)
    fixed: str = ""  # the same change done right (python)
    check: Callable[[Context], Iterable[Finding]] | None = None  # None: found elsewhere

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"rule {self.id}: severity {self.severity!r}")

    def finding(self, rev: Revision, line: int, message: str, fix: str = "") -> Finding:
        return Finding(rev.shown, line, self.id, message, fix)
