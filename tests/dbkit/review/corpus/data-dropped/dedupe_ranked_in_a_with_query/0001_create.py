"""Create notifications, one per event and language"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("notifications", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("event_type", sa.Text), sa.Column("payload", sa.JSON),
                    sa.Column("language", sa.Text), sa.Column("message", sa.Text),
                    sa.Column("updated_at", sa.DateTime))
    op.create_table("counters", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("created_at", sa.DateTime))


def downgrade():
    op.drop_table("counters")
    op.drop_table("notifications")
