"""Remove duplicates before unique constraints"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("""
        DELETE FROM sales p USING (
            SELECT ctid FROM (
                SELECT ctid, row_number() OVER (
                    PARTITION BY distributor_id, sku_id, month ORDER BY created_at DESC) AS rn
                FROM sales) ranked
            WHERE rn > 1) d
        WHERE p.ctid = d.ctid
    """)
    op.execute("DELETE FROM anchors WHERE id NOT IN "
               "(SELECT MIN(id) FROM anchors GROUP BY session_id, user_id)")
    op.execute("DELETE FROM tags WHERE id NOT IN (SELECT MIN(id) FROM tags GROUP BY lower(title))")
    op.execute("DELETE FROM wanted_items WHERE id NOT IN (SELECT MAX(id) FROM wanted_items "
               "GROUP BY file_path, COALESCE(language, ''))")
    op.execute("DELETE FROM cache WHERE id NOT IN (SELECT MAX(id) FROM cache GROUP BY key)")


def downgrade():
    pass
