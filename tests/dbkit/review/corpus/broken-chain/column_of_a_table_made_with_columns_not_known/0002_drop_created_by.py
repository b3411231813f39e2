"""drop a column the helper made"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("recruits", "created_by")


def downgrade():
    op.add_column("recruits", sa.Column("created_by", sa.String(50)))
