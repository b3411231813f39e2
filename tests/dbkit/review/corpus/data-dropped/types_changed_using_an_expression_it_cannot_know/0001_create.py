"""Create recruits with a joined_at without its time zone"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("joined_at", sa.DateTime()), sa.Column("left_at", sa.DateTime()))


def downgrade():
    op.drop_table("recruits")
