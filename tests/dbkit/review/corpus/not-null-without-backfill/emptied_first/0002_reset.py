"""Empty the short-lived tables, then add NOT NULL columns: no existing row to fill"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM sessions")
    op.add_column("sessions", sa.Column("user_id", sa.Integer, nullable=False))
    op.alter_column("sessions", "token", nullable=False)
    op.execute("TRUNCATE cache")
    op.add_column("cache", sa.Column("key", sa.Text, nullable=False))
    op.execute("TRUNCATE jobs")
    op.execute("INSERT INTO jobs (id) VALUES (1)")
    op.add_column("jobs", sa.Column("kind", sa.Text, nullable=False))


def downgrade():
    op.drop_column("jobs", "kind")
    op.drop_column("cache", "key")
    op.drop_column("sessions", "user_id")
