import configparser

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    bind = op.get_bind()
    row = bind.execute(sa.text("SELECT language FROM settings LIMIT 1")).mappings().first()
    if row is not None:
        parser = configparser.ConfigParser()
        parser["ui"] = {"language": str(row["language"])}
        with open("settings.ini", "w") as handle:
            parser.write(handle)
    with op.batch_alter_table("settings") as batch_op:
        batch_op.drop_column("language")


def downgrade():
    pass
