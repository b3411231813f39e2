"""Normalize again in Python, then delete the duplicates that makes"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, address_raw FROM cache")).fetchall()
    for row_id, address_raw in rows:
        conn.execute(sa.text("UPDATE cache SET address_norm = :norm WHERE id = :id"),
                     {"norm": address_raw.strip().lower(), "id": row_id})
    conn.execute(sa.text("""
        DELETE FROM cache WHERE id IN (
            SELECT id FROM (
                SELECT id, ROW_NUMBER() OVER (PARTITION BY address_norm, source ORDER BY id) AS rn
                FROM cache
            ) ranked WHERE rn > 1
        )
    """))
    places = conn.execute(sa.text("SELECT id, name_raw, note FROM place")).fetchall()
    for place_id, name_raw, note in places:
        conn.execute(sa.text("UPDATE place SET name_norm = :norm WHERE id = :id"),
                     {"norm": f"{name_raw.lower()} {note}", "id": place_id})
    conn.execute(sa.text("""
        DELETE FROM place WHERE id IN (
            SELECT id FROM (
                SELECT id, ROW_NUMBER() OVER (PARTITION BY name_norm ORDER BY id) AS rn
                FROM place
            ) ranked WHERE rn > 1
        )
    """))


def downgrade():
    pass
