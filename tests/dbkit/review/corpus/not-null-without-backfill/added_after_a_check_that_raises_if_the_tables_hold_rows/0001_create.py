"""Evaluation runs, results and bundles"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    for table in ("runs", "results", "bundles", "notes"):
        op.create_table(table, sa.Column("id", sa.Integer(), primary_key=True),
                        sa.Column("run_key", sa.String(40)))


def downgrade():
    for table in ("notes", "bundles", "results", "runs"):
        op.drop_table(table)
