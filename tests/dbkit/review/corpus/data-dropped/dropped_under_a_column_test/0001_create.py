"""Create subnets (no gateway column) and hosts"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "subnets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cidr", sa.String(50), nullable=False),
        sa.Column("label", sa.String(50), nullable=True),
    )


def downgrade():
    op.drop_table("subnets")
