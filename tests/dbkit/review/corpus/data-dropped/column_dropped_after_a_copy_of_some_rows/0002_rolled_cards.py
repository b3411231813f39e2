"""Track the rolls of the unclaimed cards in rolled_cards"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("rolled_cards", sa.Column("card_id", sa.Integer, primary_key=True),
                    sa.Column("attempted_by", sa.Text))
    connection = op.get_bind()
    connection.execute(text("INSERT INTO rolled_cards (card_id, attempted_by) "
                            "SELECT id, attempted_by FROM cards "
                            "WHERE owner IS NULL AND created_at > :cutoff"),
                       {"cutoff": "2024-10-01"})
    op.drop_column("cards", "attempted_by")


def downgrade():
    op.add_column("cards", sa.Column("attempted_by", sa.Text))
    op.drop_table("rolled_cards")
