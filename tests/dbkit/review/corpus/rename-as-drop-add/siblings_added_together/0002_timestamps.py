"""Add created_at and updated_at together"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("images", sa.Column("created_at", sa.DateTime(), nullable=True))
    op.add_column("images", sa.Column("updated_at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("images", "updated_at")
    op.drop_column("images", "created_at")
