"""cohorts again, on a branch of its own from 0001 (EasySochi_bot fcf08babfd22)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0001"


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("cohorts")
