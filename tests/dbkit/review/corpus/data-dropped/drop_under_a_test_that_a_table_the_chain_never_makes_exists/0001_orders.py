"""orders (the chain was re-based: the tables before it came from older revisions)"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("total", sa.Numeric, nullable=False),
    )


def downgrade():
    op.drop_table("orders")
