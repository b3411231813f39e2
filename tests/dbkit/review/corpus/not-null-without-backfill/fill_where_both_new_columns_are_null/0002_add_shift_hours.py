"""Add shift start and end: both new, so every row is NULL in both when the fill runs"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("shift_start", sa.Integer(), nullable=True))
    op.add_column("recruits", sa.Column("shift_end", sa.Integer(), nullable=True))
    op.execute("UPDATE recruits SET shift_start = 8, shift_end = 16 "
               "WHERE shift_start IS NULL AND shift_end IS NULL")
    op.alter_column("recruits", "shift_start", nullable=False)
    op.alter_column("recruits", "shift_end", nullable=False)


def downgrade():
    op.drop_column("recruits", "shift_end")
    op.drop_column("recruits", "shift_start")
