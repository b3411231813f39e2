"""Remove the rows whose user is gone, before the keys are made again"""
from alembic import op

revision = "0004"
down_revision = "0003"

_LINKS = [("payments", "user_id"), ("wallets", "owner_id")]


def upgrade():
    for table, column in _LINKS:
        op.execute(f"DELETE FROM {table} WHERE {column} NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM notes WHERE user_id NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM tickets WHERE user_id NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM logs WHERE user_id NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM badges WHERE user_id NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM orders WHERE user_id NOT IN (SELECT id FROM users)")
    op.execute("DELETE FROM reviews WHERE user_id NOT IN (SELECT id FROM users)")


def downgrade():
    pass
