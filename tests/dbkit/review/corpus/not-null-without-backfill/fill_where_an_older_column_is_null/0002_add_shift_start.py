"""Add shift start, filled only where nickname is NULL too: rows with a nickname stay NULL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("shift_start", sa.Integer(), nullable=True))
    op.execute("UPDATE recruits SET shift_start = 8, nickname = name "
               "WHERE shift_start IS NULL AND nickname IS NULL")
    op.alter_column("recruits", "shift_start", nullable=False)


def downgrade():
    op.drop_column("recruits", "shift_start")
