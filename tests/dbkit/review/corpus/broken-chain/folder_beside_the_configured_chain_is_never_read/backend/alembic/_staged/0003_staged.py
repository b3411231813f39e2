"""A revision staged inside the scripts folder, outside versions/: never read."""
from alembic import op

revision = "0003"
down_revision = "not_written_yet"


def upgrade():
    op.drop_table("recruits")


def downgrade():
    pass
