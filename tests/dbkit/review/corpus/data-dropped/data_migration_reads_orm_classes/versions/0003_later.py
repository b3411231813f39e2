"""Runs a data migration after the contract"""
from alembic import op

from data_migrations.later_fill import migrate

revision = "0003"
down_revision = "0002"


def upgrade():
    migrate(op.get_bind())


def downgrade():
    pass
