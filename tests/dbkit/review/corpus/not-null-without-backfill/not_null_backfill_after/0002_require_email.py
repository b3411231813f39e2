"""Require email, then backfill it: the wrong order"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.alter_column("recruits", "email", nullable=False)
    op.execute("UPDATE recruits SET email = 'recruit-' || id || '@x.invalid' WHERE email IS NULL")


def downgrade():
    op.alter_column("recruits", "email", nullable=True)
