"""not-rendered: the upgrade could not be rendered to SQL, so squawk did not check it.

Found by the squawk adapter (:mod:`dbkit.review.squawk`), not by a check here.
"""

from __future__ import annotations

from dbkit.review.rules.base import WARNING, Rule

RULE = Rule(
    id="not-rendered",
    severity=WARNING,
    summary="the upgrade could not be rendered to SQL: its lock safety was not checked",
    rationale="For squawk's lock-safety rules the reviewer renders each `upgrade()` to "
              "PostgreSQL SQL offline. A revision that imports the application (its models, "
              "its settings) cannot be loaded on its own; its static findings still stand, but "
              "nothing checked the locks its SQL takes.",
    fix="Make the revision self-contained: copy the constants it needs into the file instead "
        "of importing the application (a revision must keep working after the models change). "
        "Or check its SQL by hand: `alembic upgrade <prev>:<this> --sql`.",
    example="from app.models import DEFAULT_COHORT",
)
