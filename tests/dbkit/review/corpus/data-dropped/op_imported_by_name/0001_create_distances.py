"""Create distances"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "distances",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("ranking", sa.Integer()),
        sa.Column("agis_distance", sa.Integer()),
        sa.Column("geoip_distance", sa.Integer()),
        sa.Column("latency", sa.Integer()),
        sa.Column("packet_loss", sa.Integer()),
    )


def downgrade():
    op.drop_table("distances")
