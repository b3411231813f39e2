"""Create positions, orders and trades"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("positions", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("agent_id", sa.Integer, nullable=False),
                    sa.Column("entry_price", sa.Numeric, nullable=False),
                    sa.Column("stop_loss", sa.Numeric), sa.Column("take_profit", sa.Numeric),
                    sa.Column("opened_at", sa.DateTime))
    op.create_table("orders", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("agent_id", sa.Integer, nullable=False),
                    sa.Column("price", sa.Numeric, nullable=False))
    op.create_table("trades", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("agent_id", sa.Integer, nullable=False),
                    sa.Column("entry_price", sa.Numeric, nullable=False),
                    sa.Column("opened_at", sa.DateTime))


def downgrade():
    op.drop_table("trades")
    op.drop_table("orders")
    op.drop_table("positions")
