"""Tickets and their replies"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("tickets", sa.Column("id", sa.Integer(), primary_key=True))
    op.create_table("ticket_replies", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("ticket_id", sa.Integer(), sa.ForeignKey("tickets.id")),
                    sa.Column("created_at", sa.DateTime(), nullable=False))


def downgrade():
    op.drop_table("ticket_replies")
    op.drop_table("tickets")
