"""A marker for each crag and sector with coordinates (LocalCragApp 758908a7d7b8): a helper
defined inside upgrade() reads the Core tables and the connection bound around it"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.sql import column, table

revision = "0003"
down_revision = "0002"


def upgrade():
    crags = table("crags", column("id", sa.Integer), column("lat", sa.Float), column("lng", sa.Float))
    sectors = table("sectors", column("id", sa.Integer), column("lat", sa.Float),
                    column("lng", sa.Float))
    map_markers = table("map_markers", column("lat", sa.Float), column("lng", sa.Float),
                        column("type", sa.Text), column("crag_id", sa.Integer),
                        column("sector_id", sa.Integer))
    connection = op.get_bind()

    def create_map_markers(table, type_):
        objects_with_coords = connection.execute(
            sa.select(table.c.id, table.c.lat, table.c.lng)
            .where(table.c.lat.isnot(None))
            .where(table.c.lng.isnot(None))
        ).fetchall()
        for obj in objects_with_coords:
            connection.execute(
                map_markers.insert().values(
                    lat=obj.lat,
                    lng=obj.lng,
                    type=type_,
                    crag_id=obj.id if type_ == "CRAG" else None,
                    sector_id=obj.id if type_ == "SECTOR" else None,
                )
            )

    create_map_markers(crags, "CRAG")
    create_map_markers(sectors, "SECTOR")


def downgrade():
    op.execute("DELETE FROM map_markers")
