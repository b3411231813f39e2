"""Emails with a primary flag, phones with the time they were added"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("emails", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer, nullable=False),
                    sa.Column("address", sa.Text), sa.Column("primary", sa.Boolean))
    op.create_table("phones", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("user_id", sa.Integer, nullable=False),
                    sa.Column("number", sa.Text), sa.Column("added_at", sa.DateTime))


def downgrade():
    op.drop_table("phones")
    op.drop_table("emails")
