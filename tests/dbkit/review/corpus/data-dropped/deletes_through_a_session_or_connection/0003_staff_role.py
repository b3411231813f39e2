"""Staff admins lose the staff role, which downgrade() gives back to the same users
(truenth-portal ed4283df2db5): the rows may be rebuilt from data kept elsewhere, a warning"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def staff_admins(conn):
    return [row[0] for row in conn.execute(sa.text(
        "SELECT user_id FROM user_roles JOIN roles ON roles.id = role_id "
        "WHERE roles.name = 'staff_admin'"))]


def upgrade():
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM user_roles WHERE role_id = :staff AND user_id IN :ids"),
                 staff=2, ids=tuple(staff_admins(conn)))


def downgrade():
    conn = op.get_bind()
    for user_id in staff_admins(conn):
        conn.execute(sa.text("INSERT INTO user_roles (user_id, role_id) VALUES (:u, :r)"),
                     u=user_id, r=2)
