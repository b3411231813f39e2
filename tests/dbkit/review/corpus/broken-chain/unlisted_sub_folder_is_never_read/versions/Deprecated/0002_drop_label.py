"""Retired: drop guests.label"""
from alembic import op
import sqlalchemy as sa

revision = "old00002"
down_revision = "old00001"


def upgrade():
    op.drop_column("guests", "label")


def downgrade():
    op.add_column("guests", sa.Column("label", sa.String(255)))
