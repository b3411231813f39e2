"""Cohorts, their members, and a badge per member"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
    )
    op.create_table(
        "cohort_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(), sa.ForeignKey("cohorts.id"), nullable=False),
    )
    op.create_table(
        "cohort_member_badges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_member_id", sa.Integer(), nullable=False),
        sa.Column("badge", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["cohort_member_id"], ["cohort_members.id"]),
    )


def downgrade():
    op.drop_table("cohort_member_badges")
    op.drop_table("cohort_members")
    op.drop_table("cohorts")
