"""Cohorts, and three tables keyed to them"""
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
        "cohort_badges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("badge", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "cohort_notes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(),
                  sa.ForeignKey("cohorts.id", ondelete="CASCADE"), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.create_table(
        "cohort_links",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
    )
    op.create_foreign_key("fk_cohort_links_cohort", "cohort_links", "cohorts",
                          ["cohort_id"], ["id"], ondelete="CASCADE")


def downgrade():
    op.drop_table("cohort_links")
    op.drop_table("cohort_notes")
    op.drop_table("cohort_badges")
    op.drop_table("cohorts")
