"""Each service with the flag gets a 'letter' permission row; the SQL is built by a helper"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    def get_values_if_flag(permission, flag):
        return "SELECT id, '{0}' FROM services WHERE {1}".format(permission, flag)

    op.execute("INSERT INTO service_permissions (service_id, permission) {}".format(
        get_values_if_flag("letter", "can_send_letters")))


def downgrade():
    op.execute("DELETE FROM service_permissions WHERE permission = 'letter'")
