"""Drop id_number (lost: only tested for a row's existence) and email (carried by 0002)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("recruits", "id_number")
    op.drop_column("recruits", "email")


def downgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254), nullable=True))
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
