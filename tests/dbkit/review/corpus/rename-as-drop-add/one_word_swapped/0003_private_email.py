"""Autogenerate's rename of personal_ to private_email_address"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("private_email_address", sa.String(254), nullable=True))
    op.add_column("recruits", sa.Column("github_name", sa.String(100), nullable=True))
    op.drop_column("recruits", "personal_email_address")


def downgrade():
    op.add_column("recruits", sa.Column("personal_email_address", sa.String(254)))
    op.drop_column("recruits", "github_name")
    op.drop_column("recruits", "private_email_address")
