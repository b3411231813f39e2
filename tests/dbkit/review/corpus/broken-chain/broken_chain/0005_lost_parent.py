"""Follows a revision that is not in the folder"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "abc123"


def upgrade():
    op.add_column("recruits", sa.Column("surname", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("recruits", "surname")
