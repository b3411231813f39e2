"""Drop id_number: the trim wrote it back into its own column, nowhere else"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
