"""Create notification instances and events (events already unique by name)"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("notification_instances", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("rule_id", sa.Integer), sa.Column("event_id", sa.Integer),
                    sa.Column("status", sa.Text), sa.Column("fire_at", sa.DateTime))
    op.create_table("events", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("payload", sa.Text))
    op.create_unique_constraint("uq_events_name", "events", ["name"])
    op.create_table("jobs", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("key", sa.Text), sa.Column("result", sa.Text))


def downgrade():
    op.drop_table("jobs")
    op.drop_table("events")
    op.drop_table("notification_instances")
