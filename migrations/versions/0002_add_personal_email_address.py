"""Add personal_email_address

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 10:01:00

Step 4 of the exercise asks for a required, unique personal_email_address.
Existing recruits have no address yet, so a NOT NULL column cannot be added in
one go: first add it nullable (this revision), then give every existing row a
value (0003), then require it (0004).

The downgrade keeps every address in archive.recruit_personal_email_addresses
(by recruit id) before it drops the column, and upgrading to 0002 again puts
them back, before 0003 gives placeholders to the recruits still without one.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

from dbkit.online import backfill_in_batches

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


KEPT = "archive.recruit_personal_email_addresses"
KEPT_COMMENT = ("dbkit: kept by the downgrade of 0002 (recruits.personal_email_address by "
                "recruit id); upgrading to 0002 puts the addresses back")

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
    op.add_column(
        "recruits",
        sa.Column("personal_email_address", sa.String(254), nullable=True),
        if_not_exists=True,
    )
    if _exists(KEPT):
        backfill_in_batches(
            "recruits",
            set_=f"personal_email_address = (SELECT kept.personal_email_address FROM {KEPT} "
                 "AS kept WHERE kept.recruit_id = recruits.id)",
            where=f"personal_email_address IS NULL AND recruits.id IN "
                  f"(SELECT recruit_id FROM {KEPT})",
        )
        # Put back: only the addresses of recruits deleted while downgraded stay kept.
        op.execute(f"DELETE FROM {KEPT} AS kept USING recruits WHERE recruits.id = kept.recruit_id")
        op.execute(DROP_IF_EMPTY)


def downgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS archive")
    op.create_table(
        "recruit_personal_email_addresses",
        sa.Column("recruit_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("personal_email_address", sa.String(254), nullable=False),
        sa.PrimaryKeyConstraint("recruit_id", name="pk_recruit_personal_email_addresses"),
        schema="archive", comment=KEPT_COMMENT, if_not_exists=True,
    )
    op.execute(
        f"INSERT INTO {KEPT} AS kept (recruit_id, personal_email_address) "
        "SELECT id, personal_email_address FROM recruits WHERE personal_email_address IS NOT NULL "
        "ON CONFLICT (recruit_id) DO UPDATE "
        "SET personal_email_address = excluded.personal_email_address"
    )
    op.execute(DROP_IF_EMPTY)  # no address to keep, no table
    # dbkit: data-kept-in archive.recruit_personal_email_addresses
    op.drop_column("recruits", "personal_email_address")
