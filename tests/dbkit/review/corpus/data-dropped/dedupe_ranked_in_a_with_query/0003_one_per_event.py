"""Keep one notification per event"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("notifications", sa.Column("content", sa.JSON))
    op.execute("UPDATE notifications SET content = json_build_object('message', message)")
    op.execute(
        """
        WITH ranked AS (
            SELECT id, row_number() OVER (
                PARTITION BY event_type, payload ->> 'event_id' ORDER BY updated_at DESC, id DESC) AS row_num
            FROM notifications
        )
        DELETE FROM notifications
        WHERE id IN (SELECT id FROM ranked WHERE row_num > 1)
        """
    )
    op.execute(
        """
        WITH firsts AS (SELECT min(id) AS id FROM counters GROUP BY name, created_at)
        DELETE FROM counters WHERE id NOT IN (SELECT id FROM firsts)
        """
    )


def downgrade():
    op.drop_column("notifications", "content")
