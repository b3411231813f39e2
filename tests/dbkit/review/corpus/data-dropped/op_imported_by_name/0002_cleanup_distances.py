"""Clean up distances: Alembic's operations reached in every way Python allows (rucio)"""
import alembic.op as op2
import alembic
import sqlalchemy as sa
from alembic import context
from alembic import op as o
from alembic.op import alter_column, drop_column
from alembic.op import add_column as add

revision = "0002"
down_revision = "0001"


def upgrade():
    schema = context.get_context().version_table_schema if context.get_context().version_table_schema else ""
    drop_column("distances", "agis_distance", schema=schema)
    o.drop_column("distances", "geoip_distance")
    op2.drop_column("distances", "latency")
    alembic.op.drop_column("distances", "packet_loss")
    alter_column("distances", "ranking", existing_type=sa.Integer, new_column_name="distance")


def downgrade():
    alter_column("distances", "distance", existing_type=sa.Integer, new_column_name="ranking")
    add("distances", sa.Column("packet_loss", sa.Integer))
    add("distances", sa.Column("latency", sa.Integer))
    add("distances", sa.Column("geoip_distance", sa.Integer))
    add("distances", sa.Column("agis_distance", sa.Integer))
