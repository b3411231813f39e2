"""``python -m dbkit drift``: which side moved (database, models, revision) and how to get back in sync.

Alembic cannot tell that a database was changed by hand: ``alembic check``
compares the models with a database that must already be at head, and
``alembic current`` only reads the version row. This module compares three things:

1. **database**: the live database against the schema its stamped revision
   should have. That schema is built by running the migrations up to the
   stamped revision in a scratch database on the same server (dropped
   afterwards), and compared with Alembic's own autogenerate comparison. A
   difference here was made by hand.
2. **models**: ``models.py`` against the schema at the migration head: a model
   change that no migration captures yet.
3. **revision**: the stamped revision against the head: pending migrations, a
   revision this repository does not know, several heads, never stamped.

The checked database is only ever read: its connection runs with
``default_transaction_read_only``. Alembic's ``alembic_version`` table is never
compared. The ``archive`` schema (data kept by migration 0007) is outside the
models by design: it is compared in 1 (migrations make it, so a hand-made change
there is drift too) but not in 2.

Exit codes: 0 in sync, 1 drift, 2 could not check.

Where each job lives:

- ``compare/``: Alembic's diffs turned into changes, one module per kind of
  object compared (columns, tables, indexes, constraints), each registering a
  ``Kind`` that describes its changes, says them and gives the SQL undoing them;
- ``messages.py``: the fixes and every other message, apart from the checks that decide;
- ``expected.py``: the expected schema, built in a scratch database;
- ``checks.py``: the three comparisons, giving a :class:`Report` of :class:`Finding`;
- ``gates.py``: what seeding and ``alembic upgrade`` call before writing;
- ``render.py``: a report as text or JSON;
- ``dbkit/cli/drift.py``: the command line.
"""

from __future__ import annotations

from dbkit.drift.checks import Finding, Report, check, models_metadata
from dbkit.drift.compare import DATABASE, MODELS, REVISION
from dbkit.drift.expected import SCRATCH_PREFIX, alembic_config_for, read_only_engine
from dbkit.drift.gates import HandMade, guard_upgrade, hand_made_changes, require_no_drift
from dbkit.drift.messages import ALLOW_DRIFT

__all__ = ["ALLOW_DRIFT", "DATABASE", "MODELS", "REVISION", "SCRATCH_PREFIX", "Finding", "HandMade",
           "Report", "alembic_config_for", "check", "guard_upgrade", "hand_made_changes",
           "models_metadata", "read_only_engine", "require_no_drift"]
