"""Purge the legacy jobs through a function made for it"""
from alembic import op

revision = "0002"
down_revision = "0001"

PURGE_JOB = """
CREATE OR REPLACE FUNCTION purge_job(_job_id integer) RETURNS void
    LANGUAGE plpgsql
AS $$
BEGIN
    DELETE FROM job_logs WHERE job_id = _job_id;
    DELETE FROM jobs WHERE id = _job_id;
END;
$$;
"""

WIPE_LOGS = """
CREATE OR REPLACE FUNCTION wipe_logs() RETURNS void LANGUAGE sql AS $$ DELETE FROM job_logs $$;
"""


def upgrade():
    op.execute(PURGE_JOB)
    op.execute(WIPE_LOGS)  # made for the operators, never called here: it runs nothing
    op.execute("SELECT purge_job(id) FROM jobs WHERE kind = 'legacy'")


def downgrade():
    op.execute("DROP FUNCTION wipe_logs()")
    op.execute("DROP FUNCTION purge_job(integer)")
