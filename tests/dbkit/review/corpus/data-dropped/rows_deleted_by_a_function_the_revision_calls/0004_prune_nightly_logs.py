"""Prune the nightly jobs' logs through a SQL function, only where a setting asks for it"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("""
        CREATE FUNCTION drop_logs_of(_kind text) RETURNS void LANGUAGE sql AS $$
            DELETE FROM job_logs WHERE job_id IN (SELECT id FROM jobs WHERE kind = _kind)
        $$;
        DO $$
        BEGIN
            IF current_setting('app.prune_logs', true) = 'on' THEN
                PERFORM drop_logs_of('nightly');
            END IF;
        END $$;
    """)


def downgrade():
    op.execute("DROP FUNCTION drop_logs_of(text)")
