"""Move the notes there are into card_notes"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_table("card_notes", sa.Column("card_id", sa.Integer, primary_key=True),
                    sa.Column("note", sa.Text, nullable=False))
    op.execute("INSERT INTO card_notes (card_id, note) SELECT id, note FROM cards "
               "WHERE note IS NOT NULL AND note <> ''")
    op.drop_column("cards", "note")


def downgrade():
    op.add_column("cards", sa.Column("note", sa.Text))
