"""Rewrite rows in loops (digitalmarketplace 610): briefs.data gets back the value read from
its own row (a NULL stays NULL); notes.body gets the row's legacy value (a fill)"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.sql import column, table

briefs = table("briefs", column("id", sa.Integer), column("data", sa.JSON))
notes = table("notes", column("id", sa.Integer), column("body", sa.JSON),
              column("legacy", sa.JSON))

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    for brief in conn.execute(briefs.select()):
        brief.data["size"] = 1
        conn.execute(briefs.update().where(briefs.c.id == brief.id).values(data=brief.data))
    for note in conn.execute(notes.select()):
        conn.execute(notes.update().where(notes.c.id == note.id).values(body=note.legacy))


def downgrade():
    pass
