"""Move cohorts into a cohorts table

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 10:07:00

A cohort is a thing of its own, not a string repeated on every recruit: create
cohorts, one row per distinct recruits.cohort, point every recruit at its
cohort with cohort_id, and only then drop the old text column.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from dbkit.online import add_foreign_key, add_not_null, backfill_in_batches, create_index

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cohorts"),
        sa.UniqueConstraint("name", name="uq_cohorts_name"),
        if_not_exists=True,
    )
    op.execute(
        "INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits ORDER BY cohort "
        "ON CONFLICT (name) DO NOTHING"
    )
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer(), nullable=True),
                  if_not_exists=True)
    backfill_in_batches(
        "recruits",
        set_="cohort_id = (SELECT cohorts.id FROM cohorts WHERE cohorts.name = recruits.cohort)",
        where="cohort_id IS NULL",
    )
    add_not_null("recruits", "cohort_id")
    create_index("ix_recruits_cohort_id", "recruits", ["cohort_id"])
    add_foreign_key("fk_recruits_cohort_id_cohorts", "recruits", ["cohort_id"],
                    "cohorts", ["id"])
    # dbkit: data-kept-in cohorts.name, through recruits.cohort_id
    op.drop_column("recruits", "cohort")


def downgrade() -> None:
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True))
    op.execute(
        "UPDATE recruits SET cohort = cohorts.name FROM cohorts "
        "WHERE cohorts.id = recruits.cohort_id"
    )
    op.alter_column("recruits", "cohort", nullable=False)
    op.drop_constraint("fk_recruits_cohort_id_cohorts", "recruits", type_="foreignkey")
    op.drop_index("ix_recruits_cohort_id", table_name="recruits")
    op.drop_column("recruits", "cohort_id")
    op.drop_table("cohorts")
