"""Move each recruit's id_number into a JSON document, through a helper the loop calls"""
from alembic import op
import json
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

TABLE = "recruits"


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


def _document(conn, recruit_id):
    row = conn.execute(
        sa.text(f"SELECT name, id_number FROM {_quoted(TABLE)} WHERE id = :id"), {"id": recruit_id}
    ).first()
    return {"name": row[0], "id_number": row[1]}


def upgrade():
    op.add_column("recruits", sa.Column("document", sa.Text(), nullable=True))
    conn = op.get_bind()
    for (recruit_id,) in conn.execute(sa.text(f"SELECT id FROM {_quoted(TABLE)}")).fetchall():
        conn.execute(
            sa.text(f"UPDATE {_quoted(TABLE)} SET document = :doc WHERE id = :id"),
            {"doc": json.dumps(_document(conn, recruit_id)), "id": recruit_id},
        )


def downgrade():
    op.drop_column("recruits", "document")
