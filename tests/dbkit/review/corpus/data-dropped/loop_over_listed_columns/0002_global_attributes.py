"""Make attribute names unique across locations, then drop location_id and kind"""
from alembic import op

revision = "0002"
down_revision = "0001"


def _make_names_unique():
    conn = op.get_bind()
    res = conn.execute("""
        SELECT attr.id, attr.name, loc.name AS location
        FROM attributes attr JOIN locations loc ON (loc.id = attr.location_id)
    """)
    for row in res:
        conn.execute("UPDATE attributes SET name = %s WHERE id = %s",
                     (f"{row.name} ({row.location})", row.id))


def upgrade():
    _make_names_unique()
    op.drop_column("attributes", "location_id")
    op.drop_column("attributes", "kind")


def downgrade():
    raise RuntimeError("not reversible")
