"""Roles move from users to their personal teams: the link rows are all keys, read whole"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    links = conn.execute(sa.text("SELECT user_id, role_id FROM user_roles WHERE role_id > 1")).fetchall()
    for user_id, role_id in links:
        conn.execute(sa.text("INSERT INTO team_roles (team_id, role_id) VALUES (:t, :r)"),
                     {"t": user_id, "r": role_id})
    op.execute("DELETE FROM user_roles WHERE role_id > 1")


def downgrade():
    pass
