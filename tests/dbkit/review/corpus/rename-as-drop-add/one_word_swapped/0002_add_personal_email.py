"""Add personal_email_address"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("personal_email_address", sa.String(254), nullable=True))


def downgrade():
    op.drop_column("recruits", "personal_email_address")
