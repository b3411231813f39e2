"""A read of other columns before a drop, and an ORM write after it: the rows it writes
cannot hold the dropped values"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from models import Note

revision = "0005"
down_revision = "0004"


def count_notes(session):
    return session.execute(sa.text("SELECT id FROM notes")).fetchall()


def upgrade():
    session = Session(bind=op.get_bind())
    notes = count_notes(session)
    op.drop_column("notes", "author")
    session.add(Note(id=len(notes)))
    session.commit()


def downgrade():
    op.add_column("notes", sa.Column("author", sa.Text))
