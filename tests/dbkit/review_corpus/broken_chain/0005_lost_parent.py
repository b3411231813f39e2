"""Follows a revision that is not in the folder"""
from alembic import op
import sqlalchemy as sa

revision = "0005"  # expect: broken-chain
down_revision = "abc123"  # expect: broken-chain


def upgrade():
    op.add_column("recruits", sa.Column("surname", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("recruits", "surname")
