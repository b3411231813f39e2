"""Two tables of rows pointing at recruits by name"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    for table in ("interviews", "offers"):
        op.create_table(table, sa.Column("id", sa.Integer, primary_key=True),
                        sa.Column("recruit_name", sa.Text), sa.Column("recruit_id", sa.Integer))


def downgrade():
    for table in ("interviews", "offers"):
        op.drop_table(table)
