"""The migration reviewer: read a chain of Alembic revisions the way an instructor would.

Autogenerate writes every rename as "drop the old column, add the new one",
which throws the old column's data away, and learners commit it unedited.
Lock-safety linters miss that (they even flag the real rename as the unsafe
thing). This reviewer reads each revision file **statically** (no import of the
learner's models, no run of their ``env.py``), follows the chain from revision
to revision, and reports what the rules in :mod:`dbkit.review.rules` find; the
rule table is ``docs/review/rules.md``, generated from them.

The jobs, one module each:

- :mod:`~dbkit.review.reader`: a revision file to its ids and operations;
- :mod:`~dbkit.review.chain`: where the revisions are, their order, heads and roots;
- :mod:`~dbkit.review.schema`: the schema the chain builds, and what the walk saw;
- :mod:`~dbkit.review.drops`: what became of each drop's data;
- :mod:`~dbkit.review.rules`: one file per rule, and the registry;
- :mod:`~dbkit.review.findings`: the one :class:`Finding` class;
- :mod:`~dbkit.review.squawk`: squawk's lock-safety rules on the rendered SQL;
- :mod:`~dbkit.review.output`: text and JSON.

Exit code of the command: 1 when there is any error-level finding, 0 otherwise,
2 on bad input.
"""

from __future__ import annotations

from pathlib import Path

from dbkit.review.chain import collect
from dbkit.review.context import Context
from dbkit.review.findings import ERROR, WARNING, Finding
from dbkit.review.reader import Revision, read_revision
from dbkit.review.rules import RULES, UnknownRule, checks, rule_for


def review(revisions: list[Revision], report: set[Path] | None = None,
           sql: bool = True) -> list[Finding]:
    """The findings on the files in ``report`` (default: all), judged against the whole chain."""
    from dbkit.review import squawk  # renders SQL: imported only when asked for

    ctx = Context.of(revisions)
    findings: list[Finding] = []
    for rule in checks():
        assert rule.check is not None
        findings += rule.check(ctx)
    reported = [r for r in revisions if report is None or r.path.resolve() in report]
    if sql:
        findings += squawk.findings([r for r in reported if not r.error])
    shown = {r.shown for r in reported}
    return sorted((f for f in findings if f.file in shown), key=Finding.sort_key)


__all__ = ["ERROR", "RULES", "WARNING", "Finding", "Revision", "UnknownRule", "collect",
           "read_revision", "review", "rule_for"]
