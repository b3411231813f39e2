"""suites copied into suite_log, then dropped: the log holds every suite"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("INSERT INTO suite_log (name) SELECT name FROM suites")
    op.drop_table("suites")


def downgrade():
    raise NotImplementedError
