"""Add nickname: recruits (create_all) and badge_archive were made outside the chain"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.add_column("recruits", sa.Column("nickname", sa.String(40)))
    op.create_index("ix_badge_archive_owner", "badge_archive", ["owner_id"])


def downgrade():
    op.drop_index("ix_badge_archive_owner", table_name="badge_archive")
    op.drop_column("recruits", "nickname")
