"""When each ticket was last replied to (swarmsmp-site ddf331087a1a)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("tickets", sa.Column("last_replied_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE tickets SET last_replied_at = (SELECT MAX(created_at) FROM ticket_replies "
               "WHERE ticket_id = tickets.id)")
    op.alter_column("tickets", "last_replied_at", nullable=False)  # a ticket with no reply: NULL


def downgrade():
    op.drop_column("tickets", "last_replied_at")
