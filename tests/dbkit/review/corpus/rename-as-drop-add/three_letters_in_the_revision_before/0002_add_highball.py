"""A flag of its own beside wall (LocalCragApp 82ab4143b435)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("lines", sa.Column("highball", sa.Boolean))


def downgrade():
    op.drop_column("lines", "highball")
