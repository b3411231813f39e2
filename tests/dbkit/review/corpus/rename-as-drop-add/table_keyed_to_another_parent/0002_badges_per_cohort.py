"""Badges per cohort, no longer per member (truenth e3923b19b6f5's shape): not a rename"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "cohort_badges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("badge", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"]),
    )
    op.drop_table("cohort_member_badges")


def downgrade():
    raise NotImplementedError("badges per member are not kept")
