"""Add github_name NOT NULL, written as SQL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("ALTER TABLE recruits ADD COLUMN github_name varchar(100) NOT NULL")


def downgrade():
    op.execute("ALTER TABLE recruits DROP COLUMN github_name")
