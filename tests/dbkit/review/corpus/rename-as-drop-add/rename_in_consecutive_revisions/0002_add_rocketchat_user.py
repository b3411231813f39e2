"""Add rocketchat_user"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("rocketchat_user", sa.Text(), nullable=True))


def downgrade():
    op.drop_column("recruits", "rocketchat_user")
