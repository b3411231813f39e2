"""Cohorts need a name, filled by a SQL file that is not in the repository"""
from pathlib import Path

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute((Path(__file__).parent / "sql" / "fill_names.sql").read_text())
    op.alter_column("cohorts", "name", nullable=False)


def downgrade():
    op.alter_column("cohorts", "name", nullable=True)
