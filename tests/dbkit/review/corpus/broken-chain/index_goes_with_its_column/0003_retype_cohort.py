"""Replace cohort by an integer and index it again"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    # dbkit: data-kept-in cohorts.name (copied by the application before this release)
    op.drop_column("recruits", "cohort")
    op.add_column("recruits", sa.Column("cohort", sa.Integer(), nullable=True))
    op.create_index("ix_recruits_cohort", "recruits", ["cohort"])


def downgrade():
    op.drop_index("ix_recruits_cohort", table_name="recruits")
