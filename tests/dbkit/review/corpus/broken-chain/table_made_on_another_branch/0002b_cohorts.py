"""cohorts"""
from alembic import op
import sqlalchemy as sa

revision = "0002b"
down_revision = "0001"


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("cohorts")
