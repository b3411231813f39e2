"""Create recruits

Revision ID: 0001
Revises:
Create Date: 2026-11-21 10:00:00

Step 1 of the exercise: a Recruit has a first name, surname, chatname, github
name and id number.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("surname", sa.String(100), nullable=False),
        sa.Column("chatname", sa.String(100), nullable=False),
        sa.Column("github_name", sa.String(100), nullable=False),
        # Optional: not every recruit has a national id number, and a later
        # downgrade can only put back the numbers that existed.
        sa.Column("id_number", sa.String(13), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_recruits"),
    )


def downgrade() -> None:
    op.drop_table("recruits")
