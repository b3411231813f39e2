"""Create forwarding rules, unique on (host, port, protocol), and tunnels"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "rules",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("host", sa.String(255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("protocol", sa.String(16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "tunnels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vmid", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(10), nullable=True),
        sa.Column("visitor_port", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )


def downgrade():
    op.drop_table("tunnels")
    op.drop_table("rules")
