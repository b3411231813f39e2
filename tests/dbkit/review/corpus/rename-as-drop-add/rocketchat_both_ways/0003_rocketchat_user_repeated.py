"""Replace chatname by rocketchat_user (generated twice: the same change again)"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("rocketchat_user", sa.String(100), nullable=True))
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.VARCHAR(100), nullable=True))
    op.drop_column("recruits", "rocketchat_user")
