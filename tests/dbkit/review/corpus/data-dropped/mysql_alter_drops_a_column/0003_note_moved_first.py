"""MySQL: job.note copied into job_note first, then dropped beside clauses that drop an
index and a foreign key (no column): nothing is lost, and DROP INDEX / DROP FOREIGN KEY are
no column drops."""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("INSERT INTO job_note (job_id, note) SELECT id, note FROM job WHERE note IS NOT NULL")
    op.execute("""
        ALTER TABLE job
            DROP COLUMN note,
            DROP INDEX ix_job_status,
            DROP FOREIGN KEY job_ibfk_2,
            ADD INDEX (status)
        """)


def downgrade():
    op.execute("ALTER TABLE job ADD COLUMN note TEXT AFTER status")
    op.execute("UPDATE job INNER JOIN job_note ON job_note.job_id = job.id SET job.note = job_note.note")
