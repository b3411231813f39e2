"""Fixtures of the drift tests: a learner's chain, with a revision of their own on top."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support.commands import PROJECT_ROOT

from dbkit import database, project, revisions

REVISION = '''"""{message}

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
    pass
'''


@pytest.fixture
def learner_chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``learner_chain(message, upgrade_code)``: the project's chain plus a revision 0009, in a
    copy of the project that drift and the scratch databases use instead of this one."""
    def make(message: str, upgrade: str) -> Path:
        shutil.copytree(PROJECT_ROOT / "migrations", tmp_path / "migrations",
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(PROJECT_ROOT / "alembic.ini", tmp_path / "alembic.ini")
        path = tmp_path / "migrations" / "versions" / "0009_learner.py"
        path.write_text(REVISION.format(message=message, upgrade=upgrade))
        monkeypatch.setattr(database, "PROJECT_ROOT", tmp_path)
        revisions.use(project.from_ini(tmp_path / "alembic.ini"))
        return path

    yield make
    revisions.use(None)
    revisions.forget()
