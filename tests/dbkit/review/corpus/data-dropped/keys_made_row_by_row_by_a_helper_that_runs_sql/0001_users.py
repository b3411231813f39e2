"""users, each with a list of stream keys"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("stream_keys", postgresql.JSONB, nullable=True))


def downgrade():
    op.drop_table("users")
