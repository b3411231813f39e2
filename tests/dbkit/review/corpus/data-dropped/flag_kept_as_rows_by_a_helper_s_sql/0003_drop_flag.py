"""Drop the flag: it lives on as the permission rows"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("services", "can_send_letters")


def downgrade():
    op.add_column("services", sa.Column("can_send_letters", sa.Boolean(), nullable=True))
