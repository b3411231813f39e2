"""Drop intake and has_left, whose values 0002 wrote into intake_year and left_at"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("recruits", "intake")
    op.drop_column("recruits", "has_left")


def downgrade():
    op.add_column("recruits", sa.Column("has_left", sa.Boolean(), nullable=True))
    op.add_column("recruits", sa.Column("intake", sa.String(20), nullable=True))
