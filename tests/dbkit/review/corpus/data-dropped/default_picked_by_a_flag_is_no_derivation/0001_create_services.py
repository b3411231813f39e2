"""Create services, each with its own daily message limit"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "services",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("restricted", sa.Boolean(), nullable=False),
        sa.Column("message_limit", sa.BigInteger(), nullable=False),
        sa.Column("tier", sa.Text(), nullable=True),
    )


def downgrade():
    op.drop_table("services")
