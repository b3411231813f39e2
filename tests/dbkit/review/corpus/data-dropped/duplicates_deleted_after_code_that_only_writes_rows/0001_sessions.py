"""Sessions and runs"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    for table in ("sessions", "runs"):
        op.create_table(table, sa.Column("id", sa.String(), primary_key=True),
                        sa.Column("scope_id", sa.String(), nullable=True),
                        sa.Column("anchor", sa.String(), nullable=False),
                        sa.Column("agent_name", sa.String(), nullable=True),
                        sa.Column("title", sa.Text(), nullable=True))


def downgrade():
    op.drop_table("runs")
    op.drop_table("sessions")
