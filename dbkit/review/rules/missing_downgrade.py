"""missing-downgrade: an upgrade that cannot be undone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.rules.base import WARNING, Rule

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding

FIX = "write the downgrade that reverses each upgrade step, in reverse order."


def check(ctx: Context) -> Iterator[Finding]:
    for rev in ctx.readable:
        if not rev.upgrade_empty and rev.downgrade_empty:
            what = "has no downgrade()" if rev.downgrade_line is None \
                else "has an empty downgrade()"
            yield RULE.finding(rev, rev.downgrade_line or rev.upgrade_line or 1,
                               f"Revision {rev.name} {what}: it cannot be undone.", FIX)
        elif rev.downgrade_raises:
            yield RULE.finding(rev, rev.downgrade_line or 1,
                               f"Revision {rev.name}'s downgrade() only raises: it cannot be "
                               "undone.", FIX)


RULE = Rule(
    id="missing-downgrade",
    severity=WARNING,
    summary="the upgrade does something, the downgrade nothing",
    rationale="When a release goes wrong, `alembic downgrade -1` is the way back. A revision "
              "whose `downgrade()` is empty or only raises blocks it for this revision and "
              "every one before it.",
    fix="Reverse each upgrade step in `downgrade()`, in reverse order; where the upgrade drops "
        "data, the downgrade puts back the copy the upgrade kept.",
    example="def downgrade():\n    pass",
    fixed='def downgrade():\n    op.drop_column("recruits", "cohort")',
    check=check,
)
