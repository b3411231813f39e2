"""Create hosts, which cache an address each, and the addresses table"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "hosts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("address", sa.String(64), nullable=True),
        sa.Column("address_seen_at", sa.DateTime(), nullable=True),
    )
    op.create_table(
        "addresses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("host_id", sa.Integer(), nullable=True),
        sa.Column("address", sa.String(64), nullable=False, unique=True),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
    )


def downgrade():
    op.drop_table("addresses")
    op.drop_table("hosts")
