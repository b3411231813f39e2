"""Create audit_log (a line of its own, never merged with the recruits line)"""
from alembic import op
import sqlalchemy as sa

revision = "0101"
down_revision = None


def upgrade():
    op.create_table("audit_log", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("audit_log")
