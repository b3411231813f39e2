"""Archive cohorts with the project's own helper"""
from alembic import op

from helpers import archive_column, forget

revision = "0003"
down_revision = "0002"


def upgrade():
    archive_column("recruits", "cohort")  # read statically: INSERT ... SELECT
    op.drop_column("recruits", "cohort")


def downgrade():
    pass
