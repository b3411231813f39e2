"""Map markers: a place on the map for a crag or a sector"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("map_markers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("lat", sa.Float), sa.Column("lng", sa.Float),
                    sa.Column("type", sa.Text),
                    sa.Column("crag_id", sa.Integer, sa.ForeignKey("crags.id")),
                    sa.Column("sector_id", sa.Integer, sa.ForeignKey("sectors.id")))


def downgrade():
    op.drop_table("map_markers")
