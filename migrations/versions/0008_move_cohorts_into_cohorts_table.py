"""Move cohorts into a cohorts table

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 10:07:00

A cohort is a thing of its own, not a string repeated on every recruit: create
cohorts, one row per distinct recruits.cohort, point every recruit at its
cohort with cohort_id, and only then drop the old text column.

The downgrade moves the cohorts table into the archive schema (marked as kept)
instead of dropping it: every cohort keeps its id, also the ones no recruit is
in, and upgrading to 0008 again moves it back.
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


KEPT_COMMENT = ("dbkit: kept by the downgrade of 0008 (the cohorts table, ids and all); "
                "upgrading to 0008 moves it back")


def _exists(table: str) -> bool:
    """Whether ``table`` exists. Offline (``--sql``) the SQL is for a database never downgraded."""
    return not op.get_context().as_sql and bool(op.get_bind().execute(
        sa.text("SELECT to_regclass(:table) IS NOT NULL"), {"table": table}).scalar())


def upgrade() -> None:
    if _exists("archive.cohorts") and not _exists("public.cohorts"):
        # Kept by a downgrade of 0008: the same table, its ids and its sequence.
        op.execute("ALTER TABLE archive.cohorts SET SCHEMA public")
        op.execute("COMMENT ON TABLE cohorts IS NULL")
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cohorts"),
        sa.UniqueConstraint("name", name="uq_cohorts_name"),
        if_not_exists=True,
    )
    # Only the names not there yet: a conflict would still use up an id of the sequence.
    op.execute(
        "INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits WHERE NOT EXISTS "
        "(SELECT FROM cohorts WHERE cohorts.name = recruits.cohort) ORDER BY cohort "
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
    create_index("ix_recruits_cohort_id", "recruits", ["cohort_id"], maintenance_workers=0)
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
    op.execute("ALTER TABLE cohorts SET SCHEMA archive")
    op.execute(f"COMMENT ON TABLE archive.cohorts IS '{KEPT_COMMENT}'")
    # No cohort is nothing to keep.
    op.execute("""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM archive.cohorts) THEN
        DROP TABLE archive.cohorts;
    END IF;
END $$""")
