"""Deletes the seeded row by its key; the downgrade does not put it back"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM detail_types WHERE code = 'organism'")


def downgrade():
    pass
