"""Create a table unless it exists (neutron's shape)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    if "ovn_rows" in sa.inspect(op.get_bind()).get_table_names():
        op.alter_column("ovn_rows", "number", server_default="0")
        return
    op.create_table("ovn_rows", sa.Column("number", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("ovn_rows")
