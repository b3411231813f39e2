"""Create cohorts (the other project's first revision)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = None


def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("cohorts")
