"""Start the statistics afresh: visits and badges cleared, notes archived first, hidden tags
removed, a scratch table filled and cleared"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

BADGES = sa.table("badges", sa.column("id"), sa.column("name"))


def upgrade():
    op.execute("DELETE FROM visits")
    op.execute(BADGES.delete())
    op.create_table("notes_archive", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))
    op.execute("INSERT INTO notes_archive (id, body) SELECT id, body FROM notes")
    op.execute("DELETE FROM notes")
    op.execute("DELETE FROM tags WHERE hidden")
    op.create_table("scratch", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO scratch (id) SELECT id FROM tags")
    op.execute("DELETE FROM scratch")


def downgrade():
    op.drop_table("scratch")
    op.execute("INSERT INTO notes (id, body) SELECT id, body FROM notes_archive")
    op.drop_table("notes_archive")
