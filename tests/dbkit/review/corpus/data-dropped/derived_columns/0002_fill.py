"""Fill uid from username for every row; admins get their username as a nickname"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE speakers SET uid = lower(replace(username, '.', '')) WHERE uid IS NULL")
    op.execute("UPDATE speakers SET nickname = username WHERE is_admin")


def downgrade():
    pass
