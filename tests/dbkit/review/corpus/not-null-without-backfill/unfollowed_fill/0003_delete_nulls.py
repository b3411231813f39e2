"""Tokens without a user are deleted, then user_id is NOT NULL"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM tokens WHERE user_id IS NULL")
    op.alter_column("tokens", "user_id", existing_type=sa.Integer(), nullable=False)


def downgrade():
    op.alter_column("tokens", "user_id", existing_type=sa.Integer(), nullable=True)
