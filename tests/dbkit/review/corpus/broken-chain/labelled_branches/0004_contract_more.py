"""Depends on a revision that is not there"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


depends_on = "abc999"


def upgrade():
    op.create_table("audit_more", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("audit_more")
