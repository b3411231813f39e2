"""Repair the table where it was made by hand: add what may be missing"""
from alembic import op

revision = "0002"
down_revision = "0001"

COLUMNS = {"car_id": "INTEGER", "status": "TEXT"}


def upgrade():
    for name, ddl in COLUMNS.items():
        op.execute(f"ALTER TABLE responses ADD COLUMN IF NOT EXISTS {name} {ddl}")


def downgrade():
    pass
