"""Every sticker deleted (WHERE true), then a NOT NULL column added (access-tool f99d084537da)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM stickers WHERE true")
    op.add_column("stickers", sa.Column("owner_id", sa.BigInteger(), nullable=False))


def downgrade():
    op.drop_column("stickers", "owner_id")
