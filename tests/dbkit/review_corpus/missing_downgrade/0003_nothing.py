"""Empty"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():  # expect: empty-revision
    pass


def downgrade():
    pass
