"""Create tags, the objects they are on, and notes with their authors"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("tag", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("tag", sa.Text))
    op.create_table("object_tag", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("tag_id", sa.Integer, sa.ForeignKey("tag.id")),
                    sa.Column("object_id", sa.Integer))
    op.create_table("author", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))
    op.create_table("note", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("author_id", sa.Integer), sa.Column("name", sa.Text))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("username", sa.Text), sa.Column("proxy", sa.Boolean))
    op.create_table("projects", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer))


def downgrade():
    op.drop_table("projects")
    op.drop_table("users")
    op.drop_table("note")
    op.drop_table("author")
    op.drop_table("object_tag")
    op.drop_table("tag")
