"""Create the tables"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("locations", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))
    op.create_table("attributes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("kind", sa.Text),
                    sa.Column("location_id", sa.Integer))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text), sa.Column("author", sa.Text))
    op.create_table("note_authors", sa.Column("note_id", sa.Integer),
                    sa.Column("author", sa.Text))


def downgrade():
    op.drop_table("note_authors")
    op.drop_table("notes")
    op.drop_table("attributes")
    op.drop_table("locations")
