"""Drop the search index (the application builds it again from the text it indexes: a
warning) and the notes (their body is text of their own: lost, an error)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("recruit_search")
    op.drop_table("recruit_notes")


def downgrade():
    raise NotImplementedError("the notes are not kept")
