"""One row per event, a column per channel"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    for table in ("preferences", "defaults"):
        op.add_column(table, sa.Column("sms_enabled", sa.Boolean))
    op.execute("""
        UPDATE preferences AS e SET sms_enabled = s.enabled FROM preferences AS s
        WHERE s.user_id = e.user_id AND s.event = e.event
          AND s.channel = 'SMS' AND e.channel = 'EMAIL'
    """)
    op.execute("DELETE FROM preferences WHERE channel = 'SMS'")
    op.execute("""
        UPDATE defaults AS e SET sms_enabled = s.enabled FROM defaults AS s
        WHERE s.event = e.event AND s.channel = 'SMS' AND e.channel = 'EMAIL'
    """)
    op.execute("DELETE FROM defaults WHERE channel = 'PUSH'")


def downgrade():
    for table in ("defaults", "preferences"):
        op.drop_column(table, "sms_enabled")
