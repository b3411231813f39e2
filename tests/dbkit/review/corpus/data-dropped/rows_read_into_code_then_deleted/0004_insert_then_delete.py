"""Rows read into code and inserted one by one elsewhere, then deleted: the inserts may
keep them"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    conn = op.get_bind()
    ids = []
    for id_, value in conn.execute(sa.text("SELECT id, value FROM identifiers "
                                           "WHERE system = 'older'")):
        conn.execute(sa.text("INSERT INTO old_identifiers (id, value) VALUES (:id, :value)"),
                     {"id": id_, "value": value})
        ids.append(id_)
    conn.execute(sa.text("DELETE FROM identifiers WHERE id IN :ids"), {"ids": tuple(ids)})


def downgrade():
    pass
