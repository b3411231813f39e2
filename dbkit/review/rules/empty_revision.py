"""empty-revision: a revision whose upgrade does nothing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.rules.base import WARNING, Rule

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding


def check(ctx: Context) -> Iterator[Finding]:
    for rev in ctx.readable:
        merge = len(rev.down_revision or ()) > 1
        if rev.upgrade_empty and not merge:
            yield RULE.finding(rev, rev.upgrade_line or rev.revision_line,
                               f"Revision {rev.name} changes nothing.",
                               "delete the file (and re-point the next revision's "
                               "down_revision).")


RULE = Rule(
    id="empty-revision",
    severity=WARNING,
    summary="the upgrade does nothing (merges excepted)",
    rationale="An empty revision is usually `alembic revision --autogenerate` run when the "
              "models and the database already agreed. It adds a step to every chain walk and "
              "hides which revision really made a change.",
    fix="Delete the file and point the next revision's `down_revision` at the one before it. "
        "Merge revisions (two parents) are empty by design and never reported.",
    example="def upgrade():\n    pass",
    check=check,
)
