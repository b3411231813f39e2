"""One email instead of two, and a phone: neither email is renamed into the new one (which
would be?), both are lost"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254), nullable=True))
    op.add_column("recruits", sa.Column("phone", sa.String(20), nullable=True))
    op.drop_column("recruits", "home_email")
    op.drop_column("recruits", "work_email")


def downgrade():
    op.add_column("recruits", sa.Column("work_email", sa.String(254), nullable=True))
    op.add_column("recruits", sa.Column("home_email", sa.String(254), nullable=True))
    op.drop_column("recruits", "phone")
    op.drop_column("recruits", "email")
