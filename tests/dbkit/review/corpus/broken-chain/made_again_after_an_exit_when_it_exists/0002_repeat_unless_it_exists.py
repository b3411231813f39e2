"""Repeats 0001's steps, each skipped when the database already has it"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _index_exists(name):
    found = op.get_bind().execute(
        sa.text("SELECT 1 FROM pg_indexes WHERE indexname = :name"), {"name": name})
    return found.first() is not None


def _create_index(name, table, columns):
    if _index_exists(name):
        return
    op.create_index(name, table, columns)


def upgrade():
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("recruits")}
    for name in ("cohort", "chatname"):
        if name in existing:
            continue
        op.add_column("recruits", sa.Column(name, sa.String(100), nullable=True))
    _create_index("ix_recruits_email", "recruits", ["email"])


def downgrade():
    pass
