"""Add a leader flag: every row false first, NOT NULL, then the leaders set true"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("is_leader", sa.Boolean))
    op.execute('UPDATE "recruits" SET is_leader = false')
    op.alter_column("recruits", "is_leader", nullable=False)
    op.execute("UPDATE recruits SET is_leader = true WHERE chatname LIKE 'lead-%'")


def downgrade():
    op.drop_column("recruits", "is_leader")
