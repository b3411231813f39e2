"""squawk:<rule>: squawk's lock-safety findings on the rendered SQL of an upgrade.

Found by the squawk adapter (:mod:`dbkit.review.squawk`). Every ``squawk:<rule>``
id resolves to this one rule; its severity applies to all of them unless the
configuration names one.
"""

from __future__ import annotations

from dbkit.review.rules.base import WARNING, Rule

RULE = Rule(
    id="squawk",
    severity=WARNING,
    summary="squawk's lock-safety findings on the PostgreSQL SQL of the upgrade "
            "(reported as `squawk:<rule>`)",
    rationale="A migration that takes an ACCESS EXCLUSIVE lock on a busy table (a blocking "
              "`CREATE INDEX`, a constraint validated in place, a column type rewrite) stops "
              "every query on that table while it runs. squawk knows these patterns; the "
              "reviewer runs it on each upgrade's SQL and reports its findings on the line of "
              "the op that produced the statement. Rules this reviewer checks better itself "
              "(renames, drops, NOT NULL) are left out.",
    fix="Follow squawk's advice for its rule (https://squawkhq.com/docs/); the lock-safe "
        "helpers of `dbkit.online` (`create_index`, `add_not_null`, "
        "`add_foreign_key`) do most of them for you.",
    example='op.create_index("ix_recruits_chatname", "recruits", ["chatname"])',
    fixed='from dbkit.online import create_index\n'
          'create_index("ix_recruits_chatname", "recruits", ["chatname"])  # CONCURRENTLY',
)
