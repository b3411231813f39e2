"""Add is_active"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("is_active", sa.Boolean(), nullable=True))


def downgrade():
    op.drop_column("recruits", "is_active")
