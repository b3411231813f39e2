"""Create cohorts (the cohorts module's first revision, written on its own branch)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("cohorts")
