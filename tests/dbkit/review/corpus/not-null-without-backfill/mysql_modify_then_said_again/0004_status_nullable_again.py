"""MySQL: status nullable again (MODIFY redefines the column; no NOT NULL: NULL allowed)"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("ALTER TABLE job MODIFY COLUMN status VARCHAR(20) DEFAULT NULL")


def downgrade():
    op.execute("ALTER TABLE job MODIFY COLUMN status VARCHAR(20) NOT NULL")
