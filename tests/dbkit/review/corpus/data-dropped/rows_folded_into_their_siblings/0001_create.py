"""Create preferences, one row per channel"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    for table in ("preferences", "defaults"):
        op.create_table(table, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("user_id", sa.Integer), sa.Column("event", sa.Text),
                        sa.Column("channel", sa.Text), sa.Column("enabled", sa.Boolean))


def downgrade():
    op.drop_table("defaults")
    op.drop_table("preferences")
