"""Move each username into handles, marking the rows done (agenta c3b2a1d4e5f6)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("handles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(64)))
    op.add_column("users", sa.Column("handle_id", sa.Integer, nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, username FROM users WHERE handle_id IS NULL"))
    for row in rows.fetchall():
        conn.execute(sa.text("INSERT INTO handles (id, name) VALUES (:id, :name)"),
                     {"id": row.id, "name": row.username})
        conn.execute(sa.text("UPDATE users SET handle_id = :id WHERE id = :id"), {"id": row.id})
    op.drop_column("users", "username")


def downgrade():
    op.add_column("users", sa.Column("username", sa.String(64)))
    op.drop_column("users", "handle_id")
    op.drop_table("handles")
