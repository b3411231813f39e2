"""Add personal_email_address NOT NULL, then backfill it (a learner's shape)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    recruits = sa.table("recruits", sa.column("chatname"), sa.column("personal_email_address"))
    op.add_column("recruits", sa.Column("personal_email_address", sa.String(254), nullable=False))
    op.execute(recruits.update().values(
        personal_email_address=recruits.c.chatname + "@example.com"))


def downgrade():
    op.drop_column("recruits", "personal_email_address")
