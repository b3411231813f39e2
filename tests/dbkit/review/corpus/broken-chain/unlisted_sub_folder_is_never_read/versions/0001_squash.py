"""Squash of every revision before it: creates recruits as the legacy chain left it"""
from alembic import op
import sqlalchemy as sa

revision = "c0ffee000001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("chatname", sa.String(100), nullable=True),
    )
    op.create_index("ix_recruits_chatname", "recruits", ["chatname"])


def downgrade():
    op.drop_table("recruits")
