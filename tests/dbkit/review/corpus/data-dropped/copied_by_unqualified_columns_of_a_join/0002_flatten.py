"""Flatten tags into one table; copy notes with a column both joined tables have"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("tag_new", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("tag", sa.Text), sa.Column("object_id", sa.Integer))
    op.execute("INSERT INTO tag_new (tag, object_id) "
               "SELECT tag, object_id FROM object_tag JOIN tag ON tag.id = object_tag.tag_id")
    op.drop_table("object_tag")
    op.drop_table("tag")
    op.create_table("note_new", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))
    # note.name and author.name: which one PostgreSQL would refuse to guess
    op.execute("INSERT INTO note_new (name) "
               "SELECT name FROM note JOIN author ON author.id = note.author_id")
    op.drop_table("note")


def downgrade():
    op.create_table("note", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("author_id", sa.Integer), sa.Column("name", sa.Text))
    op.drop_table("note_new")
    op.create_table("tag", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("tag", sa.Text))
    op.create_table("object_tag", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id")),
                    sa.Column("object_id", sa.Integer))
    op.drop_table("tag_new")
