"""Create visits, notes, tags and badges"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("visits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("seen_at", sa.DateTime))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("body", sa.Text))
    op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text), sa.Column("hidden", sa.Boolean))
    op.create_table("badges", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))


def downgrade():
    op.drop_table("badges")
    op.drop_table("tags")
    op.drop_table("notes")
    op.drop_table("visits")
