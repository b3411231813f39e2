"""Add the title the model has"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("reports", sa.Column("title", sa.String(), nullable=True))
    op.add_column("reports", sa.Column("progress", sa.Float(), nullable=True))


def downgrade():
    op.drop_column("reports", "title")
