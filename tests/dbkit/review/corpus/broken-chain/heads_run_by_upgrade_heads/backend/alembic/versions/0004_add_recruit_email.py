"""Add recruits.email"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.add_column("recruits", sa.Column("email", sa.String(200), nullable=True))


def downgrade():
    op.drop_column("recruits", "email")
