"""Counts of recruits, kept in a table"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "recruit_stats",
        sa.Column("refreshed", sa.DateTime(), primary_key=True),
        sa.Column("recruits", sa.Integer(), nullable=False),
    )


def downgrade():
    op.drop_table("recruit_stats")
