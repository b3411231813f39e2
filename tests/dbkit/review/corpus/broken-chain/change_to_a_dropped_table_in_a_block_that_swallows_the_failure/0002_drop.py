"""rules and drafts go (they were never used)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("rules")  # dbkit: data-kept-in nowhere: never written
    op.drop_table("drafts")  # dbkit: data-kept-in nowhere: never written


def downgrade():
    op.execute("CREATE TABLE rules (id INTEGER PRIMARY KEY)")
    op.execute("CREATE TABLE drafts (id INTEGER PRIMARY KEY)")
