"""Soft deletion goes: purge the soft-deleted forms, then drop deleted_at"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM custom_forms WHERE deleted_at IS NOT NULL")
    op.drop_column("custom_forms", "deleted_at")


def downgrade():
    op.add_column("custom_forms", sa.Column("deleted_at", sa.DateTime(timezone=True)))
