"""a NOT NULL add with no default beside a drop (EasySochi_bot c37422f75e21)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("rocketchat_id", sa.BigInteger(), nullable=False))
    op.drop_column("recruits", "chatname")


def downgrade():
    op.add_column("recruits", sa.Column("chatname", sa.String(100)))
    op.drop_column("recruits", "rocketchat_id")
