"""Create the topo tables, each with a flag"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    for table in ("crags", "sectors", "areas", "lines", "notes", "posts", "walls"):
        op.create_table(table, sa.Column("id", sa.Integer(), primary_key=True),
                        sa.Column("name", sa.Text()),
                        sa.Column("secret", sa.Boolean(), nullable=True, server_default="0"))


def downgrade():
    for table in ("walls", "posts", "notes", "lines", "areas", "sectors", "crags"):
        op.drop_table(table)
