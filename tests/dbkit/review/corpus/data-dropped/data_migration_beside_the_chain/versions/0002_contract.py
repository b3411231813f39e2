"""Contract: is_public was migrated into visibility by data_migrations; size is just dropped"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("images", "is_public")
    op.drop_column("images", "size")
