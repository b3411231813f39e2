"""Deduplicate in PL/pgSQL, under a test that the unique key is not there yet"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM pg_constraint
        WHERE conname = 'uq_notification_instance_rule_event'
          AND conrelid = 'notification_instances'::regclass
    ) THEN
        DELETE FROM notification_instances
        WHERE id NOT IN (
            SELECT DISTINCT ON (rule_id, event_id) id
            FROM notification_instances
            ORDER BY rule_id, event_id, id
        );
        ALTER TABLE notification_instances
            ADD CONSTRAINT uq_notification_instance_rule_event UNIQUE (rule_id, event_id);
    END IF;
END $$;
""")
    op.execute("""
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'uq_jobs_key') THEN
        DELETE FROM jobs WHERE id NOT IN (SELECT DISTINCT ON (key) id FROM jobs ORDER BY key, id);
        ALTER TABLE jobs ADD CONSTRAINT uq_jobs_key_v2 UNIQUE (key);
    END IF;
END $$;
""")


def downgrade():
    op.drop_constraint("uq_jobs_key_v2", "jobs", type_="unique")
    op.drop_constraint("uq_notification_instance_rule_event", "notification_instances",
                       type_="unique")
