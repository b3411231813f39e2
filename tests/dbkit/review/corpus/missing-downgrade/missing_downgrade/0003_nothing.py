"""Empty"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    pass


def downgrade():
    pass
