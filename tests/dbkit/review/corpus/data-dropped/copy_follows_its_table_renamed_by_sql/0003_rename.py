"""build renamed to job, and buildfamily to build, in raw SQL"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("ALTER TABLE build RENAME TO job")
    op.execute("ALTER TABLE buildfamily RENAME TO build")


def downgrade():
    op.execute("ALTER TABLE build RENAME TO buildfamily")
    op.execute("ALTER TABLE job RENAME TO build")
