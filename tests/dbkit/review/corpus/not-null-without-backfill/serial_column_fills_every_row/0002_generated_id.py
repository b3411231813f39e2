"""Give recruits a generated id of its own: SERIAL fills every existing row"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("ALTER TABLE recruits DROP CONSTRAINT IF EXISTS recruits_pkey")
    op.execute("ALTER TABLE recruits ADD COLUMN number SERIAL PRIMARY KEY")


def downgrade():
    op.execute("ALTER TABLE recruits DROP COLUMN number")
