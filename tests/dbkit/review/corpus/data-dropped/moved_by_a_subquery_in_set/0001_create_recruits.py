"""Create recruits (each may be disabled) and their enrolments"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "enrolments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("recruit_id", sa.Integer(), sa.ForeignKey("recruits.id"), nullable=False),
    )


def downgrade():
    op.drop_table("enrolments")
    op.drop_table("recruits")
