"""Retarget the legacy agent; keep a copy column of each text column of runs"""
from alembic import op

revision = "0002"
down_revision = "0001"


def _has_reference(bind, table, legacy):
    for column in ("agent_name", "title"):
        row = bind.exec_driver_sql(f'select 1 from "{table}" where "{column}" = ? limit 1',
                                   (legacy,)).fetchone()
        if row is not None:
            return True
    return False


def upgrade():
    bind = op.get_bind()
    if _has_reference(bind, "sessions", "legacy"):
        bind.exec_driver_sql('update "sessions" set agent_name = ? where agent_name = ?',
                             ("default", "legacy"))
    names = bind.exec_driver_sql("select column_name from information_schema.columns "
                                 "where table_name = 'runs' and data_type = 'text'")
    for (column,) in names:
        bind.exec_driver_sql(f'alter table runs add column "{column}_before" text')


def downgrade():
    pass
