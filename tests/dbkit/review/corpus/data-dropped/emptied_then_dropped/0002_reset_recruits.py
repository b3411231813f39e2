"""Start the intake again: every recruit row is deleted, then id_number goes"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM recruits")
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
