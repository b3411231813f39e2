"""Add cohorts.year (written beside 0004: a second head)"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0003"


def upgrade():
    op.add_column("cohorts", sa.Column("year", sa.Integer(), nullable=True))


def downgrade():
    op.drop_column("cohorts", "year")
