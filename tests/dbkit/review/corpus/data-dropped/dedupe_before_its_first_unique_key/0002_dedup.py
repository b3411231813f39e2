"""Deduplicate, each under a test that its unique key is not there yet"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy import inspect

revision = "0002"
down_revision = "0001"


def upgrade():
    inspector = inspect(op.get_bind())
    constraints = {c["name"] for c in inspector.get_unique_constraints("notification_instances")}
    if "uq_notification_instance_rule_event" not in constraints:
        op.execute("DELETE FROM notification_instances a USING notification_instances b "
                   "WHERE a.id > b.id AND a.rule_id = b.rule_id AND a.event_id = b.event_id")
        op.create_unique_constraint("uq_notification_instance_rule_event",
                                    "notification_instances", ["rule_id", "event_id"])
    names = {c["name"] for c in inspector.get_unique_constraints("events")}
    if "uq_events_name" not in names:
        op.execute("DELETE FROM events a USING events b WHERE a.id > b.id AND a.name = b.name")
        op.create_unique_constraint("uq_events_name", "events", ["name"])
    keys = {c["name"] for c in inspector.get_unique_constraints("jobs")}
    if "uq_jobs_key" not in keys:
        op.execute("DELETE FROM jobs a USING jobs b WHERE a.id > b.id AND a.key = b.key")
        op.create_unique_constraint("uq_jobs_key_v2", "jobs", ["key"])


def downgrade():
    op.drop_constraint("uq_jobs_key_v2", "jobs", type_="unique")
    op.drop_constraint("uq_notification_instance_rule_event", "notification_instances",
                       type_="unique")
