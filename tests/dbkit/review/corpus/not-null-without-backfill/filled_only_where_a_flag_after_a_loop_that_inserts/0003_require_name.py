"""name NOT NULL after filling the soft-deleted rows only (dba-backend 20260226000001)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("UPDATE temples SET name = '(not recorded)' WHERE is_deleted = TRUE AND name IS NULL")
    op.alter_column("temples", "name", existing_type=sa.String(200), nullable=False)


def downgrade():
    op.alter_column("temples", "name", existing_type=sa.String(200), nullable=True)
