"""The tags reset to one default: the old labels are gone"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM tags")
    op.execute("INSERT INTO tags (label) VALUES ('new')")


def downgrade():
    pass
