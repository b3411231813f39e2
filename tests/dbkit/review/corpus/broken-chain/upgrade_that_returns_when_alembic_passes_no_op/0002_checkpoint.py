"""Checkpoint: the whole schema, made only when the project's own runner hands in op for a new database (mindsdb 9f150e4f9a05)"""
from alembic.operations import Operations
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade(op: Operations = None):
    if op is None:
        # `alembic upgrade` calls upgrade() with no argument: nothing below runs
        return
    op.create_table("agents", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(), nullable=False))
    op.drop_column("agents", "name")


def downgrade(op: Operations = None):
    if op is None:
        return
    op.drop_table("agents")
