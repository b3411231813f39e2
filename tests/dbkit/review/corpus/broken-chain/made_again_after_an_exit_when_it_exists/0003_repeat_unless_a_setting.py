"""Exits on a setting, not on the database's state: the steps still run twice"""
import os

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def _index_exists(name):
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM pg_indexes WHERE indexname = :name"), {"name": name})
    return found.first() is not None


def _add_cohort():
    if os.environ.get("SKIP_COHORT"):
        return
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True))


def upgrade():
    _add_cohort()
    op.create_index("ix_recruits_email", "recruits", ["email"])
    if _index_exists("ix_recruits_email"):
        return
    op.create_index("ix_recruits_cohort", "recruits", ["cohort"])


def downgrade():
    pass
