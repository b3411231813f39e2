"""The base tables were made outside the chain (create_all): this changes one of them"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.add_column("recruits", sa.Column("nickname", sa.String(40)))


def downgrade():
    op.drop_column("recruits", "nickname")
