"""Create recruits and mentors, each with the code of a cohort table made outside the chain"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    for name in ("recruits", "mentors"):
        op.create_table(
            name,
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("chatname", sa.String(100), nullable=True),
            sa.Column("code", sa.String(10), nullable=True),
        )


def downgrade():
    op.drop_table("mentors")
    op.drop_table("recruits")
