"""Trim the first row's value of one column in each of two tables, written back in place"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _trim_first(select_query, update_query):
    conn = op.get_bind()
    row = conn.execute(select_query).first()
    conn.execute(update_query, {"id": row[0], "value": row[1].strip()})


def upgrade():
    _trim_first(sa.text("SELECT id, name FROM cohorts ORDER BY id LIMIT 1"),
                sa.text("UPDATE cohorts SET name = :value WHERE id = :id"))
    _trim_first(sa.text("SELECT id, id_number FROM recruits ORDER BY id LIMIT 1"),
                sa.text("UPDATE recruits SET id_number = :value WHERE id = :id"))


def downgrade():
    pass
