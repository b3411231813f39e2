"""Delete the archived stages"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("DELETE FROM stages WHERE label IS NOT NULL AND slug = 'archived'")


def downgrade():
    pass
