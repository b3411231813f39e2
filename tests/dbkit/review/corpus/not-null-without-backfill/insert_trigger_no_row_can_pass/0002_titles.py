"""Give notes the title their trigger reads, and cohorts a required city"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("notes", sa.Column("title", sa.String(200), nullable=False))
    op.add_column("cohorts", sa.Column("city", sa.String(100), nullable=False))


def downgrade():
    op.drop_column("cohorts", "city")
    op.drop_column("notes", "title")
