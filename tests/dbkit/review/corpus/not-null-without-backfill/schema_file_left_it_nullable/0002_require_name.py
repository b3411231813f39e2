"""Cohorts need a name (cohorts.sql left it nullable, and its row has none)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("cohorts", "name", nullable=False)


def downgrade():
    op.alter_column("cohorts", "name", nullable=True)
