"""A second head of the old copy."""
from alembic import op

revision = "old2"
down_revision = "also_gone"


def upgrade():
    op.drop_column("recruits", "chatname")


def downgrade():
    pass
