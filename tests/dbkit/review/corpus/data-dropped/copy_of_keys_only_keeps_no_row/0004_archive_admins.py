"""Archive the admins' rows (their values, not only keys), then remove them"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("INSERT INTO users_archive (id, mail, role) SELECT id, mail, role FROM users "
               "WHERE role = 'admin'")
    op.execute("DELETE FROM users WHERE role = 'admin'")


def downgrade():
    op.execute("INSERT INTO users (id, mail, role) SELECT id, mail, role FROM users_archive")
