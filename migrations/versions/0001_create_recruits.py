"""Create recruits

Revision ID: 0001
Revises:
Create Date: 2026-11-21 10:00:00

Step 1 of the exercise: a Recruit has a first name, surname, chatname, github
name and id number.

A downgrade of this revision (to base) on a table that holds recruits moves the
table into the archive schema, rows, ids and sequence together, instead of
dropping it; upgrading to 0001 again moves it back.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


KEPT_COMMENT = ("dbkit: kept by the downgrade of 0001 (the whole recruits table); "
                "upgrading to 0001 moves it back")

# After the kept table is moved back: the archive schema goes too if nothing is left in it.
DROP_EMPTY_ARCHIVE = """
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_class WHERE relnamespace = to_regnamespace('archive')) THEN
        DROP SCHEMA IF EXISTS archive;
    END IF;
END $$"""


def _exists(table: str) -> bool:
    """Whether ``table`` exists. Offline (``--sql``) the SQL is for a database never downgraded."""
    return not op.get_context().as_sql and bool(op.get_bind().execute(
        sa.text("SELECT to_regclass(:table) IS NOT NULL"), {"table": table}).scalar())


def upgrade() -> None:
    if _exists("archive.recruits") and not _exists("public.recruits"):
        # Kept by a downgrade to base: the same table, with its rows, ids and sequence.
        op.execute("ALTER TABLE archive.recruits SET SCHEMA public")
        op.execute("COMMENT ON TABLE recruits IS NULL")
        op.execute(DROP_EMPTY_ARCHIVE)
        return
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
    # Kept when it holds recruits, or when other downgrades kept values by recruit id
    # in archive (dropping the table would restart the ids those values point at).
    op.execute(f"""
DO $$ BEGIN
    IF EXISTS (SELECT FROM recruits) OR to_regnamespace('archive') IS NOT NULL THEN
        CREATE SCHEMA IF NOT EXISTS archive;
        ALTER TABLE recruits SET SCHEMA archive;
        COMMENT ON TABLE archive.recruits IS '{KEPT_COMMENT}';
    ELSE
        DROP TABLE recruits;
    END IF;
END $$""")
