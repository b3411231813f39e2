"""Longer cohort codes (NOT NULL restated: cohorts.sql made code NOT NULL already)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("cohorts", "code", type_=sa.String(40), nullable=False, schema="school")


def downgrade():
    op.alter_column("cohorts", "code", type_=sa.String(20), nullable=False, schema="school")
