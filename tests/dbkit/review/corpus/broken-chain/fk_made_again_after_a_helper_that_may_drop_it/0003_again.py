"""Generated on another machine: the link once more, with nothing dropped first"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_foreign_key("recruits_cohort_id_fkey", "recruits", "cohorts",
                          ["cohort_id"], ["id"], ondelete="CASCADE")


def downgrade():
    pass
