"""When each ticket was last replied to, or now for a ticket with none"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("tickets", sa.Column("last_replied_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE tickets SET last_replied_at = COALESCE((SELECT MAX(created_at) "
               "FROM ticket_replies WHERE ticket_id = tickets.id), now())")
    op.alter_column("tickets", "last_replied_at", nullable=False)  # every row filled


def downgrade():
    op.drop_column("tickets", "last_replied_at")
