import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def _retired():
    return ("mode",)


def _drop_if_present(table_name, names):
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns(table_name)}
    targets = [name for name in names if name in existing]
    with op.batch_alter_table(table_name) as batch_op:
        for name in targets:
            batch_op.drop_column(name)


def upgrade():
    _drop_if_present("settings", ("zoom", "center_x"))
    existing = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("settings")}
    for column in [name for name in _retired() if name in existing]:
        op.drop_column("settings", column)


def downgrade():
    pass
