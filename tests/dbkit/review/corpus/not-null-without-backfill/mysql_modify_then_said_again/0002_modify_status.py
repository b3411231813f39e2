"""MySQL: count tasks, and make status NOT NULL in the same ALTER"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("ALTER TABLE job "
               "ADD ntasks INT AFTER ttasks, "
               "MODIFY status ENUM('New', 'Queued', 'Running', 'Done') NOT NULL")


def downgrade():
    op.execute("ALTER TABLE job DROP ntasks, MODIFY status VARCHAR(20) NULL")
