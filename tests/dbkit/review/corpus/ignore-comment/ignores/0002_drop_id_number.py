"""Ignore comments: with a reason they silence, without one they do not"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    # dbkit: ignore[data-dropped] because id_number was never filled in (checked on prod)
    op.drop_column("recruits", "id_number")
    op.drop_column("recruits", "email")  # dbkit: ignore[data-dropped]
    # dbkit: ignore[data-droped] because a typo names no rule
    op.drop_column("recruits", "cohort")
    op.create_index("ix_recruits_chatname", "recruits", ["chatname"])  # dbkit: ignore[squawk:*] because the table is tiny


def downgrade():
    op.drop_index("ix_recruits_chatname", table_name="recruits")
    op.add_column("recruits", sa.Column("cohort", sa.String(100)))
    op.add_column("recruits", sa.Column("email", sa.String(254)))
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
