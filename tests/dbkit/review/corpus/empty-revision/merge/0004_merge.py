"""Merge the two heads: empty by design"""
from alembic import op

revision = "0004"
down_revision = ("0002", "0003")


def upgrade():
    pass


def downgrade():
    pass
