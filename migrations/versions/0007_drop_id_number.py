"""Drop id_number, keeping the numbers in archive.recruit_id_numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 10:06:00

Situation 3 of the exercise: the models no longer have id_number. Dropping the
column would destroy every id number in prod, so they are copied into an
archive table first (in its own schema, outside the models), and the downgrade
puts them back. The downgrade keeps the archive table itself (marked as kept):
it also holds the numbers of recruits deleted since, and when each number was
archived; upgrading to 0007 again takes it back as the archive.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


KEPT_COMMENT = ("dbkit: kept by the downgrade of 0007 (the id number archive); "
                "upgrading to 0007 takes it back")


def _exists(table: str) -> bool:
    """Whether ``table`` exists. Offline (``--sql``) the SQL is for a database never downgraded."""
    return not op.get_context().as_sql and bool(op.get_bind().execute(
        sa.text("SELECT to_regclass(:table) IS NOT NULL"), {"table": table}).scalar())


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS archive")
    kept = _exists("archive.recruit_id_numbers")
    if kept:
        # Kept by a downgrade of 0007: the archive again, with what it held.
        op.execute("COMMENT ON TABLE archive.recruit_id_numbers IS NULL")
    else:
        op.create_table(
            "recruit_id_numbers",
            sa.Column("recruit_id", sa.Integer(), nullable=False),
            sa.Column("id_number", sa.String(13), nullable=False),
            sa.Column("archived_at", sa.DateTime(timezone=True), nullable=False,
                      server_default=sa.text("now()")),
            sa.PrimaryKeyConstraint("recruit_id", name="pk_recruit_id_numbers"),
            schema="archive",
        )
    archive = ("INSERT INTO archive.recruit_id_numbers AS archived (recruit_id, id_number) "
               "SELECT id, id_number FROM recruits WHERE id_number IS NOT NULL")
    if kept:
        # A number already archived keeps when it was archived, unless it changed meanwhile.
        # (Only here: into the new, empty archive nothing can conflict, and ON CONFLICT's
        # speculative insertion makes the copy 1.7 times as long.)
        archive += (" ON CONFLICT (recruit_id) DO UPDATE SET id_number = excluded.id_number, "
                    "archived_at = now() WHERE archived.id_number <> excluded.id_number")
    op.execute(archive)
    # dbkit: data-kept-in archive.recruit_id_numbers
    op.drop_column("recruits", "id_number")


def downgrade() -> None:
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
    op.execute(
        "UPDATE recruits SET id_number = archived.id_number "
        "FROM archive.recruit_id_numbers AS archived WHERE archived.recruit_id = recruits.id"
    )
    op.execute(f"COMMENT ON TABLE archive.recruit_id_numbers IS '{KEPT_COMMENT}'")
    # An empty archive is nothing to keep: then the table goes, and the schema if empty.
    op.execute("""
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM archive.recruit_id_numbers) THEN
        DROP TABLE archive.recruit_id_numbers;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_class WHERE relnamespace = to_regnamespace('archive')) THEN
        DROP SCHEMA IF EXISTS archive;
    END IF;
END $$""")
