"""Create the tags and notes, and the tables their references go to"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("tag", sa.Column("team_id", sa.Integer), sa.Column("tag_id", sa.Integer),
                    sa.Column("refs", sa.JSON), sa.Column("label", sa.Text))
    op.create_table("tagref", sa.Column("team_id", sa.Integer), sa.Column("tag_id", sa.Integer),
                    sa.Column("ref", sa.Text))
    op.create_table("note", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text), sa.Column("author", sa.Text))
    op.create_table("noteref", sa.Column("note_id", sa.Integer), sa.Column("body", sa.Text),
                    sa.Column("author", sa.Text))


def downgrade():
    for table in ("noteref", "note", "tagref", "tag"):
        op.drop_table(table)
