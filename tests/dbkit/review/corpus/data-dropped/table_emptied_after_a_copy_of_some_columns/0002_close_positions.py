"""Close every position into the trades, then empty the positions and the orders"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("INSERT INTO trades (agent_id, entry_price, opened_at) "
               "SELECT agent_id, entry_price, opened_at FROM positions")
    op.execute("DELETE FROM positions")
    op.execute("INSERT INTO trades (id, agent_id, entry_price) SELECT id, agent_id, price FROM orders")
    op.execute("TRUNCATE orders")


def downgrade():
    pass
