"""target takes the first characters of revision_sha (no copy of it); parent takes
parent_sha whole (a copy)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE build SET target = substr(revision_sha, 0, 12) "
               "WHERE target IS NULL AND revision_sha IS NOT NULL")
    op.execute("UPDATE build SET parent = parent_sha WHERE parent IS NULL")


def downgrade():
    pass
