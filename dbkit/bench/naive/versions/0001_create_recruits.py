"""Create recruits (the same as migrations/versions/0001_create_recruits.py)

Revision ID: 0001
Revises:
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("surname", sa.String(100), nullable=False),
        sa.Column("chatname", sa.String(100), nullable=False),
        sa.Column("github_name", sa.String(100), nullable=False),
        sa.Column("id_number", sa.String(13), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_recruits"),
    )


def downgrade() -> None:
    op.drop_table("recruits")
