"""Archive the batch jobs, then delete them, in a procedure the revision calls"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("""
        CREATE PROCEDURE archive_jobs(_kind text) LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO jobs_archive (id, kind) SELECT id, kind FROM jobs WHERE kind = _kind;
            DELETE FROM jobs WHERE kind = _kind;
        END;
        $$;
    """)
    op.execute("CALL archive_jobs('batch')")


def downgrade():
    op.execute("DROP PROCEDURE archive_jobs(text)")
