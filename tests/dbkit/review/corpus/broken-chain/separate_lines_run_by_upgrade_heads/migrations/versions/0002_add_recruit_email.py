"""Add recruits.email"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("email", sa.String(200), nullable=True))


def downgrade():
    op.drop_column("recruits", "email")
