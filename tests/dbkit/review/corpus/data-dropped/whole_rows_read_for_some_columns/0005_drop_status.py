"""status was copied whole into settings_archive (0004): no loss"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"


def upgrade():
    op.drop_column("search_settings", "status")


def downgrade():
    op.add_column("search_settings", sa.Column("status", sa.String(20)))
