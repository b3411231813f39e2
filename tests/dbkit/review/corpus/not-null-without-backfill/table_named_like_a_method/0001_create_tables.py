"""Create recruits, their cohort memberships, and the updates posted about them (a table
named update)"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(100), nullable=True),
    )
    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(100), nullable=True),
    )
    op.create_table(
        "update",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
    )


def downgrade():
    op.drop_table("update")
    op.drop_table("memberships")
    op.drop_table("recruits")
