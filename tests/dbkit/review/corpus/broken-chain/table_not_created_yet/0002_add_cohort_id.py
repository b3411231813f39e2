"""Adds a column to cohorts, which 0003 creates"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("cohorts", sa.Column("starts_on", sa.Date(), nullable=True))


def downgrade():
    op.drop_column("cohorts", "starts_on")
