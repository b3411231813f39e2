"""Meals and plans, keyed by integers"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("meals", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("group_id", sa.Integer(), nullable=False),
                    sa.Column("settings", sa.Text()), sa.Column("proposed", sa.Text()))
    op.create_table("plans", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("owner_id", sa.Integer()), sa.Column("code", sa.String(10)))


def downgrade():
    op.drop_table("plans")
    op.drop_table("meals")
