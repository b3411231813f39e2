"""Index cohort"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_index("ix_recruits_cohort", "recruits", ["cohort"])


def downgrade():
    op.drop_index("ix_recruits_cohort", table_name="recruits")
