"""Add email, after the squash"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "c0ffee000001"


def upgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254), nullable=True))


def downgrade():
    op.drop_column("recruits", "email")
