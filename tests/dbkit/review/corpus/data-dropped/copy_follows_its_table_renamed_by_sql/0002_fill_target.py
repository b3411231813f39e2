"""build.revision_sha copied into build.target"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE build SET target = revision_sha WHERE target IS NULL")


def downgrade():
    pass
