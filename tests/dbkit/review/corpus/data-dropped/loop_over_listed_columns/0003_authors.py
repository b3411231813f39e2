"""Move each note's author into note_authors row by row, then drop notes.author"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    conn = op.get_bind()
    for row in conn.execute("SELECT id, author FROM notes"):
        conn.execute("INSERT INTO note_authors (note_id, author) VALUES (%s, %s)",
                     (row.id, row.author))
    op.drop_column("notes", "author")


def downgrade():
    raise RuntimeError("not reversible")
