"""Create recruits, with a flag and the recruit who referred each"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("is_active", sa.Boolean(), nullable=True),
        sa.Column("referrer", sa.String(100), nullable=True),
    )


def downgrade():
    op.drop_table("recruits")
