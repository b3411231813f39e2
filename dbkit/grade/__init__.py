"""Grade a learner's repository against the brief, check by check, with evidence.

``grade_repository(path, server)`` runs the learner's chain as ``review --run`` does (on the
throwaway ``server``, in the sandbox, with generated rows, every value followed), watches the
head, runs the seeding scripts there, reads the git history, and returns a :class:`Grade`:
one :class:`~dbkit.grade.verdicts.Check` per check of the brief, each pass, fail or unclear
with its evidence. ``dbkit.grade.classroom`` does it for a class.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from dbkit.grade.checks import DEFAULT_COMMITS, grade_checks
from dbkit.grade.collect import Facts, collect
from dbkit.grade.verdicts import CHECK_IDS, CHECKS, FAIL, PASS, SYMBOL, UNCLEAR, Check
from dbkit.pg.server import Server

__all__ = ["CHECKS", "CHECK_IDS", "DEFAULT_COMMITS", "FAIL", "PASS", "SYMBOL", "UNCLEAR",
           "Check", "Grade", "grade_repository"]


@dataclass
class Grade:
    path: str
    checks: list[Check] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)  # what the grader took for what
    problem: str | None = None  # why the repository could not be graded at all
    seconds: float = 0.0
    runs_as: str | None = None

    def check(self, check_id: str) -> Check | None:
        return next((c for c in self.checks if c.id == check_id), None)

    @property
    def passed(self) -> int:
        return sum(c.verdict == PASS for c in self.checks)

    def as_json(self) -> dict:
        return {"path": self.path, "problem": self.problem, "seconds": round(self.seconds, 2),
                "runs_as": self.runs_as, "matched": self.matched,
                "passed": self.passed, "checks": [c.as_json() for c in self.checks]}


def grade_repository(path: Path, server: Server | None, *, commits_threshold: int = DEFAULT_COMMITS) -> Grade:
    """Every check of the brief for the repository at ``path``. Raises DbkitError when
    ``path`` is no folder; a repository without a chain is graded (its chain checks fail)."""
    started = time.monotonic()
    facts = collect(Path(path), server)
    grade = Grade(str(path), grade_checks(facts, commits_threshold), _matched(facts))
    grade.runs_as = facts.run.runs_as if facts.run else None
    grade.seconds = time.monotonic() - started
    return grade


def _matched(facts: Facts) -> list[str]:
    said = []
    if facts.run is not None:
        said.append(f"chain: {len(facts.run.steps)} revisions in "
                    f"{facts.chain_folder or facts.run.target}")
    if facts.recruits:
        table = facts.schema[facts.recruits] if facts.schema else None
        said.append(f"recruits table: {facts.recruits}"
                    + (f" ({', '.join(table.columns)})" if table else ""))
    if facts.cohort is not None and facts.recruits:
        said.append(f"cohort: {facts.cohort.said(facts.recruits)}")
    for script in facts.scripts:
        if script.path and script.path != script.name:
            said.append(f"{script.name}: {script.path}")
    return said
