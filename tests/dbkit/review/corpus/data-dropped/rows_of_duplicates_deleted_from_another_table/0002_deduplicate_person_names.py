"""Keep one person of each name: the cells of the others go with them, moved nowhere"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    duplicate_ids = """
        SELECT id FROM (
            SELECT id, row_number() OVER (PARTITION BY lower(trim(name)) ORDER BY id) AS n
            FROM persons
        ) ranked WHERE n > 1
    """
    op.execute(f"DELETE FROM schedule_cells WHERE person_id IN ({duplicate_ids})")
    op.execute(f"DELETE FROM persons WHERE id IN ({duplicate_ids})")
    op.execute("CREATE UNIQUE INDEX uq_persons_name ON persons (lower(trim(name)))")


def downgrade():
    op.drop_index("uq_persons_name", table_name="persons")
