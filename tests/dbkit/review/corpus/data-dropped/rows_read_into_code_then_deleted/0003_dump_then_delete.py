"""Rows read into code and written to a file, then deleted: the file may keep them"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, value FROM identifiers WHERE system = 'old'"))
    kept = [{"id": id_, "value": value} for id_, value in rows]
    with open("old_identifiers.json", "w") as out:
        json.dump(kept, out)
    conn.execute(sa.text("DELETE FROM identifiers WHERE id IN :ids"),
                 {"ids": tuple(k["id"] for k in kept)})


def downgrade():
    pass
