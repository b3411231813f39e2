"""orders, and a tier for the customers the application made (create_all)"""
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
    op.add_column("customers", sa.Column("tier", sa.String(20)))


def downgrade():
    op.drop_column("customers", "tier")
    op.drop_table("orders")
