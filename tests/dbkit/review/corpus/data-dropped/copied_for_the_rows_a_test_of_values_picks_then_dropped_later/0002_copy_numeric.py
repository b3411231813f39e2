"""copy the numeric channels"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("messages", sa.Column("channel_id", sa.String(20), nullable=True))
    op.execute("UPDATE messages SET channel_id = channel WHERE channel ~ '^[0-9]+$'")


def downgrade():
    op.drop_column("messages", "channel_id")
