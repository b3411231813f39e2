"""Add cohort, with existing recruits in C25 Data Eng

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 10:04:00

Situation 1 of the exercise: a required cohort column. Everyone already in the
table belongs to the first cohort, "C25 Data Eng". Add nullable, backfill,
then require.

The downgrade keeps every recruit's cohort in archive.recruit_cohorts (by
recruit id) before it drops the column, and upgrading to 0005 again puts them
back before anyone still without a cohort is put in C25 Data Eng.
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


KEPT = "archive.recruit_cohorts"
KEPT_COMMENT = ("dbkit: kept by the downgrade of 0005 (recruits.cohort by recruit id); "
                "upgrading to 0005 puts the cohorts back")

# A kept table with nothing (left) in it goes, and then the archive schema if it is empty.
DROP_IF_EMPTY = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM {KEPT}) THEN
        DROP TABLE {KEPT};
    END IF;
    IF NOT EXISTS (SELECT FROM pg_class WHERE relnamespace = to_regnamespace('archive')) THEN
        DROP SCHEMA IF EXISTS archive;
    END IF;
END $$"""


def _exists(table: str) -> bool:
    """Whether ``table`` exists. Offline (``--sql``) the SQL is for a database never downgraded."""
    return not op.get_context().as_sql and bool(op.get_bind().execute(
        sa.text("SELECT to_regclass(:table) IS NOT NULL"), {"table": table}).scalar())


def upgrade() -> None:
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True),
                  if_not_exists=True)
    kept = _exists(KEPT)
    if kept:  # the cohorts a downgrade kept come first, C25 Data Eng only for the others
        backfill_in_batches(
            "recruits",
            set_=f"cohort = (SELECT kept.cohort FROM {KEPT} AS kept "
                 "WHERE kept.recruit_id = recruits.id)",
            where=f"cohort IS NULL AND recruits.id IN (SELECT recruit_id FROM {KEPT})",
        )
    backfill_in_batches("recruits", set_="cohort = 'C25 Data Eng'", where="cohort IS NULL")
    add_not_null("recruits", "cohort")
    if kept:
        # Put back: only the cohorts of recruits deleted while downgraded stay kept.
        op.execute(f"DELETE FROM {KEPT} AS kept USING recruits WHERE recruits.id = kept.recruit_id")
        op.execute(DROP_IF_EMPTY)


def downgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS archive")
    op.create_table(
        "recruit_cohorts",
        sa.Column("recruit_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("cohort", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("recruit_id", name="pk_recruit_cohorts"),
        schema="archive", comment=KEPT_COMMENT, if_not_exists=True,
    )
    op.execute(
        f"INSERT INTO {KEPT} AS kept (recruit_id, cohort) "
        "SELECT id, cohort FROM recruits WHERE cohort IS NOT NULL "
        "ON CONFLICT (recruit_id) DO UPDATE SET cohort = excluded.cohort"
    )
    op.execute(DROP_IF_EMPTY)  # no cohort to keep, no table
    # dbkit: data-kept-in archive.recruit_cohorts
    op.drop_column("recruits", "cohort")
