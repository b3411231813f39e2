"""Rows read into code only to pick ids, deleted by SQL Python formats (truenth
38cfbd643c73, 458e56eedb92): nothing keeps them"""
import logging

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    conn = op.get_bind()
    kill = set()
    for id_, value in conn.execute(sa.text("SELECT id, value FROM identifiers "
                                           "WHERE system = 'study'")):
        if len(value) == 3:
            kill.add(id_)
    logging.info("deleting %s", kill)
    if kill:
        conn.execute("DELETE FROM identifiers WHERE id IN {}".format(tuple(kill)))
        conn.execute(f"DELETE FROM identifier_links WHERE identifier_id = {min(kill)}")


def downgrade():
    pass
