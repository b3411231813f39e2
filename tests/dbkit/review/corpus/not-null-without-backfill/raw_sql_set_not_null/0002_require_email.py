"""Require email, written as SQL, with no backfill"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("ALTER TABLE recruits ALTER COLUMN email SET NOT NULL")


def downgrade():
    op.execute("ALTER TABLE recruits ALTER COLUMN email DROP NOT NULL")
