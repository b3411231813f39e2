"""Bring the username over for users without an email, then drop it (truenth cfb3cf41a07a)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    result = conn.execute(sa.text("SELECT id, username FROM users WHERE email IS NULL"))
    results = result.fetchall()
    for r in results:
        conn.execute(sa.text("UPDATE users SET email = :username WHERE id = :id"),
                     {"username": r[1], "id": r[0]})
    op.drop_column("users", "username")


def downgrade():
    op.add_column("users", sa.Column("username", sa.String(64)))
