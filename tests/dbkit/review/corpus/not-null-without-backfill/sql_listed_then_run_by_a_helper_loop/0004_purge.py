"""Fields of a retired form go: the UPDATE loop of 0002 kept none of their rows"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("DELETE FROM form_fields WHERE form = 'retired'")


def downgrade():
    pass
