"""Recruits, with their examples in JSON by cohort"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("examples", postgresql.JSONB), sa.Column("notes", sa.Text))


def downgrade():
    op.drop_table("recruits")
