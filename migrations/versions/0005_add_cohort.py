"""Add cohort, with existing recruits in C25 Data Eng

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 10:04:00

Situation 1 of the exercise: a required cohort column. Everyone already in the
table belongs to the first cohort, "C25 Data Eng". Add nullable, backfill,
then require.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from dbkit.online import add_not_null, backfill_in_batches

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True),
                  if_not_exists=True)
    backfill_in_batches("recruits", set_="cohort = 'C25 Data Eng'", where="cohort IS NULL")
    add_not_null("recruits", "cohort")


def downgrade() -> None:
    op.drop_column("recruits", "cohort")
