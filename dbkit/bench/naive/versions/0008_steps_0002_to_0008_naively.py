"""Steps 0002 to 0008 of our chain, the naive way (benchmark only)

Revision ID: 0008
Revises: 0001

The same schema and data changes as migrations/versions/0002..0008, as
autogenerate writes them plus the one-statement UPDATEs a first attempt adds:
each UPDATE locks every row it touches, each SET NOT NULL, UNIQUE and FOREIGN
KEY scans the table under a lock that blocks readers and writers, and since all
of it is one transaction, every lock is held until the very end. It ends at the
same head schema as our chain (the benchmark checks with pg_dump).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # 0002-0004: personal_email_address, required and unique
    op.add_column("recruits", sa.Column("personal_email_address", sa.String(254), nullable=True))
    op.execute("UPDATE recruits SET personal_email_address = "
               "'recruit-' || id || '@placeholder.invalid'")
    op.alter_column("recruits", "personal_email_address", nullable=False)
    op.create_unique_constraint("uq_recruits_personal_email_address", "recruits",
                                ["personal_email_address"])
    # 0005: cohort
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True))
    op.execute("UPDATE recruits SET cohort = 'C25 Data Eng'")
    op.alter_column("recruits", "cohort", nullable=False)
    # 0006: rename chatname
    op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")
    # 0007: archive and drop id_number
    op.execute("CREATE SCHEMA archive")
    op.create_table(
        "recruit_id_numbers",
        sa.Column("recruit_id", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(13), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=False,
                  server_default=sa.text("now()")),
        sa.PrimaryKeyConstraint("recruit_id", name="pk_recruit_id_numbers"),
        schema="archive",
    )
    op.execute("INSERT INTO archive.recruit_id_numbers (recruit_id, id_number) "
               "SELECT id, id_number FROM recruits WHERE id_number IS NOT NULL")
    op.drop_column("recruits", "id_number")
    # 0008: cohorts table
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cohorts"),
        sa.UniqueConstraint("name", name="uq_cohorts_name"),
    )
    op.execute("INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits ORDER BY cohort")
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer(), nullable=True))
    op.execute("UPDATE recruits SET cohort_id = "
               "(SELECT cohorts.id FROM cohorts WHERE cohorts.name = recruits.cohort)")
    op.alter_column("recruits", "cohort_id", nullable=False)
    op.create_index("ix_recruits_cohort_id", "recruits", ["cohort_id"])
    op.create_foreign_key("fk_recruits_cohort_id_cohorts", "recruits", "cohorts",
                          ["cohort_id"], ["id"])
    op.drop_column("recruits", "cohort")


def downgrade() -> None:
    raise NotImplementedError("the benchmark's naive chain only goes up")
