"""suites dropped, every suite added since 0002 with it"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_table("suites")


def downgrade():
    raise NotImplementedError
