import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, username FROM users WHERE email IS NULL")).fetchall()
    for row in rows:
        conn.execute(sa.text("UPDATE users SET email = :username WHERE id = :id"),
                     {"username": row[1], "id": row[0]})
    op.drop_column("users", "username")


def downgrade():
    pass
