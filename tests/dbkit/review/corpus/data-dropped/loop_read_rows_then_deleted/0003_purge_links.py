"""Purge the links of chosen identifiers, the ids given as a tuple (truenth 00b081faf417)"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

KILL_IDS = (7, 8)


def upgrade():
    query = "DELETE FROM user_identifiers WHERE identifier_id IN :identifiers"
    op.get_bind().execute(sa.text(query), {"identifiers": KILL_IDS})


def downgrade():
    pass
