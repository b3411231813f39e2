import logging

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    bind = op.get_bind()
    row = bind.execute(sa.text("SELECT font FROM settings LIMIT 1")).mappings().first()
    logging.getLogger(__name__).info("font was %s", row and row["font"])
    with op.batch_alter_table("settings") as batch_op:
        batch_op.drop_column("font")


def downgrade():
    pass
