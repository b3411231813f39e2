"""Index cohort"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_index("ix_recruits_cohort", "recruits", ["cohort"])


def downgrade():
    op.drop_index("ix_recruits_cohort", table_name="recruits")
