"""Rename cohort_member_badges as drop + create: the same columns, the same foreign key"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "cohort_member_badges_v2",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cohort_member_id", sa.Integer(), nullable=False),
        sa.Column("badge", sa.String(40), nullable=False),
        sa.ForeignKeyConstraint(["cohort_member_id"], ["cohort_members.id"]),
    )
    op.drop_table("cohort_member_badges")


def downgrade():
    op.rename_table("cohort_member_badges_v2", "cohort_member_badges")
