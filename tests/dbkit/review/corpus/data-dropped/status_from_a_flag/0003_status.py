"""A flag becomes a status: SET status = ... WHERE flag (warehouse's shape)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("status", sa.String(20), server_default="new",
                                        nullable=False))
    op.execute("UPDATE recruits SET status = 'active' WHERE is_active = TRUE")
    op.execute("UPDATE recruits SET status = 'left' WHERE is_active = FALSE")
    op.drop_column("recruits", "is_active")
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
    op.add_column("recruits", sa.Column("is_active", sa.Boolean()))
    op.execute("UPDATE recruits SET is_active = (status = 'active')")
    op.drop_column("recruits", "status")
