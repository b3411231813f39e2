"""The first revision: the base tables were made by create_all, outside Alembic"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254), nullable=True))


def downgrade():
    op.drop_column("recruits", "email")
