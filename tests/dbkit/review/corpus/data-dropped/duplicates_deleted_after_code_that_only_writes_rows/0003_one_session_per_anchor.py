"""Keep one session and one run per anchor"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    bind = op.get_bind()
    bind.exec_driver_sql("""
        delete from sessions where id in (select id from (
            select id, row_number() over (partition by scope_id, anchor order by id desc) as rn
            from sessions) as r where rn > 1)
    """)
    bind.exec_driver_sql("""
        delete from runs where id in (select id from (
            select id, row_number() over (partition by scope_id, anchor order by id desc) as rn
            from runs) as r where rn > 1)
    """)


def downgrade():
    pass
