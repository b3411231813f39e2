"""One selection and one pick per organization and instrument"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    for table in ("selections", "picks"):
        op.execute(f"""
            WITH ranked AS (
                SELECT s.id, ROW_NUMBER() OVER (
                    PARTITION BY s.organization_id, s.instrument_id ORDER BY s.id) AS rn
                FROM {table} s
            )
            DELETE FROM {table} WHERE id IN (SELECT id FROM ranked WHERE rn > 1)
        """)


def downgrade():
    pass
