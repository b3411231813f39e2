"""Expand: images gets visibility"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("images", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("is_public", sa.Boolean), sa.Column("size", sa.Integer))
    op.add_column("images", sa.Column("visibility", sa.Text))
