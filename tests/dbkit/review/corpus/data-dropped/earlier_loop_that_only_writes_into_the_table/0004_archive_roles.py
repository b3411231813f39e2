"""Each role row is written to the audit, one INSERT per row read from user_roles: a loop
that may keep the rows a later DELETE removes"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    conn = op.get_bind()
    for user_id, role_id in conn.execute(sa.text("SELECT user_id, role_id FROM user_roles")):
        conn.execute(sa.text("INSERT INTO audit (user_id, comment) VALUES (:u, :c)"),
                     {"u": user_id, "c": f"had role {role_id}"})


def downgrade():
    pass
