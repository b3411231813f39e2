"""Create shelf_items"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("shelf_items", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("title", sa.Text), sa.Column("isbn", sa.Text),
                    sa.Column("notes", sa.Text), sa.Column("signed", sa.Boolean))


def downgrade():
    op.drop_table("shelf_items")
