"""Values read and only logged, then dropped: nothing keeps them"""
import logging

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    conn = op.get_bind()
    logging.info("dropping %s", conn.execute(sa.text("SELECT id, body FROM notes")).fetchall())
    op.drop_column("notes", "body")


def downgrade():
    op.add_column("notes", sa.Column("body", sa.Text))
