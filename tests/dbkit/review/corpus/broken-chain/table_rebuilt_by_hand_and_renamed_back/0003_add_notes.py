"""add a column to the rebuilt table"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("exercises", sa.Column("notes", sa.Text, nullable=True))


def downgrade():
    op.drop_column("exercises", "notes")
