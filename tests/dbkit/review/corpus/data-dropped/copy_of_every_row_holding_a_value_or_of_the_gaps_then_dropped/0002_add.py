"""add the new columns (the application writes them for new rows)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("messages", sa.Column("channel_id", sa.String(200), nullable=True))
    op.add_column("messages", sa.Column("remark", sa.String(200), nullable=True))
    op.add_column("messages", sa.Column("label", sa.String(200), nullable=True))


def downgrade():
    op.drop_column("messages", "label")
    op.drop_column("messages", "remark")
    op.drop_column("messages", "channel_id")
