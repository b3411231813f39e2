"""Crags and sectors, each with its coordinates"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("crags", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("lat", sa.Float), sa.Column("lng", sa.Float))
    op.create_table("sectors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("lat", sa.Float), sa.Column("lng", sa.Float))


def downgrade():
    op.drop_table("sectors")
    op.drop_table("crags")
