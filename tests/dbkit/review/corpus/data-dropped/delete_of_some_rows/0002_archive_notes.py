"""Keep a copy of the notes: the next revision may delete some"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("notes_archive", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))
    op.execute("INSERT INTO notes_archive (id, body) SELECT id, body FROM notes")


def downgrade():
    op.drop_table("notes_archive")
