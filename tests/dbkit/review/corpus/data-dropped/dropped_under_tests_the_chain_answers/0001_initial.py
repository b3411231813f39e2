"""Deals and assets"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("deals", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("player_id", sa.Integer(), nullable=False))
    op.create_table("assets", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(50), nullable=False))


def downgrade():
    op.drop_table("assets")
    op.drop_table("deals")
