"""Add github_name, on a branch of its own"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("github_name", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("recruits", "github_name")
