"""Drop id_number, keeping the numbers in archive.recruit_id_numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 10:06:00

Situation 3 of the exercise: the models no longer have id_number. Dropping the
column would destroy every id number in prod, so they are copied into an
archive table first (in its own schema, outside the models), and the downgrade
puts them back.
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.execute("CREATE SCHEMA IF NOT EXISTS archive")
    op.create_table(
        "recruit_id_numbers",
        sa.Column("recruit_id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(13), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.text("now()")),
        sa.PrimaryKeyConstraint("recruit_id", name="pk_recruit_id_numbers"),
        schema="archive",
    )
    op.execute(
        "INSERT INTO archive.recruit_id_numbers (recruit_id, id_number) "
        "SELECT id, id_number FROM recruits WHERE id_number IS NOT NULL"
    )
    # dbkit: data-kept-in archive.recruit_id_numbers
    op.drop_column("recruits", "id_number")


def downgrade() -> None:
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
    op.execute(
        "UPDATE recruits SET id_number = archived.id_number "
        "FROM archive.recruit_id_numbers AS archived WHERE archived.recruit_id = recruits.id"
    )
    op.drop_table("recruit_id_numbers", schema="archive")
    op.execute("DROP SCHEMA IF EXISTS archive")
