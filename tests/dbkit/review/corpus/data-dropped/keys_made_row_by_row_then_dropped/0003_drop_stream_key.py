"""the stream keys move to the devices (drone-video-analysis-server 63ee941215d0)"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("users", "stream_key")


def downgrade():
    op.add_column("users", sa.Column("stream_key", sa.String(8), nullable=True))
