"""drop the old column"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("UPDATE messages SET channel_id = 'UNKNOWN' WHERE channel_id IS NULL")
    op.alter_column("messages", "channel_id", nullable=False)
    op.drop_column("messages", "channel")


def downgrade():
    op.add_column("messages", sa.Column("channel", sa.String(200), nullable=True))
