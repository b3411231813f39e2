"""Expand: workflows beside variants"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("variants", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))
    op.create_table("labels", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("text", sa.Text), sa.Column("project_id", sa.Integer))
    op.create_table("notes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("author", sa.Text), sa.Column("body", sa.Text))
    op.create_table("workflows", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text))


def downgrade():
    op.drop_table("workflows")
    op.drop_table("notes")
    op.drop_table("labels")
    op.drop_table("variants")
