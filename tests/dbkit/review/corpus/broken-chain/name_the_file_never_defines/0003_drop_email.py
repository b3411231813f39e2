"""Drop email: a helper defined below upgrade() is defined when upgrade() runs"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    _drop("email")


def downgrade():
    pass


def _drop(column):
    op.drop_column("recruits", column)
