"""Keep the latest row of each group"""
from alembic import op

revision = "0003"
down_revision = "0002"

DEDUPE = """
    WITH ranked AS (
        SELECT id, row_number() OVER (PARTITION BY {keys} ORDER BY created_at DESC) AS rn
        FROM {table}
    )
    DELETE FROM {table} t USING ranked r WHERE t.id = r.id AND r.rn > 1
"""


def upgrade():
    op.execute(DEDUPE.format(table="triggers", keys="rule_set_id"))
    op.execute(DEDUPE.format(table="badges", keys="code"))
    op.execute(DEDUPE.format(table="steps", keys="flow_id"))
    op.execute(DEDUPE.format(table="stamps", keys="code"))


def downgrade():
    pass
