"""Drop corrupted metrics in batches, every row of each duplicated group, then keep one row
of each (project, value) pair"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    while True:
        rows = conn.execute(sa.text("SELECT id FROM metrics WHERE value < 0 LIMIT :n"),
                            {"n": 100}).fetchall()
        if not rows:
            break
        ids = [row[0] for row in rows]
        conn.execute(sa.text("DELETE FROM metrics WHERE id = ANY(:ids)"), {"ids": ids})
    conn.execute(sa.text("""
        DELETE FROM metrics
        WHERE (project_id, run_id) IN (
            SELECT project_id, run_id FROM metrics
            GROUP BY project_id, run_id HAVING COUNT(*) > 1)
    """))
    conn.execute(sa.text("""
        DELETE FROM metrics
        WHERE id NOT IN (SELECT min(id) FROM metrics GROUP BY project_id, value)
    """))


def downgrade():
    pass
