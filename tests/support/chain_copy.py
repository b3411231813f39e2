"""A copy of this repository's chain (alembic.ini, migrations/) with one revision more, 0009.

For the tests of a chain that is not the repository's: a learner's, one revision ahead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from support.commands import PROJECT_ROOT

REVISION_0009 = '''"""{message}

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    {upgrade}


def downgrade() -> None:
    {downgrade}
'''


def chain_with_0009(folder: Path, message: str, upgrade: str, downgrade: str = "pass",
                    name: str = "0009_learner.py") -> Path:
    """``folder``/alembic.ini and ``folder``/migrations, plus 0009 (its path is returned)."""
    shutil.copytree(PROJECT_ROOT / "migrations", folder / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "alembic.ini", folder / "alembic.ini")
    path = folder / "migrations" / "versions" / name
    path.write_text(REVISION_0009.format(message=message, upgrade=upgrade, downgrade=downgrade))
    return path
