"""Backfill email with placeholders"""
from alembic import op

from dbkit.online import backfill_in_batches

revision = "0002"
down_revision = "0001"


def upgrade():
    backfill_in_batches("recruits", set_=f"email = 'recruit-' || id || '{'@x.invalid'}'",
                        where="email IS NULL")


def downgrade():
    op.execute("UPDATE recruits SET email = NULL WHERE email LIKE '%@x.invalid'")
