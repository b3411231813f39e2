"""Retired: a second first revision, from another era of the project"""
from alembic import op
import sqlalchemy as sa

revision = "old10001"
down_revision = None


def upgrade():
    op.add_column("guests", sa.Column("platform", sa.String(255)))


def downgrade():
    op.drop_column("guests", "platform")
