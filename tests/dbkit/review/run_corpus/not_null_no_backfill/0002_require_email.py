"""Require an email, forgetting the rows that have none"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("recruits", "email", existing_type=sa.String(254), nullable=False)


def downgrade():
    op.alter_column("recruits", "email", existing_type=sa.String(254), nullable=True)
