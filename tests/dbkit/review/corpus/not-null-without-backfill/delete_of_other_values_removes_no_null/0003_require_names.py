"""role_name: nothing filled its NULLs, an error; scope: a DELETE whose WHERE on scope is
not an equality is not read that far, a warning"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("roles", "role_name", existing_type=sa.String(50), nullable=False)
    op.alter_column("roles", "scope", existing_type=sa.String(50), nullable=False)


def downgrade():
    op.alter_column("roles", "scope", existing_type=sa.String(50), nullable=True)
    op.alter_column("roles", "role_name", existing_type=sa.String(50), nullable=True)
