"""Drop the index by the long name it was written with (PostgreSQL cuts it the same way)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_index("ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report",
                  table_name="recruits")


def downgrade():
    op.create_index("ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report",
                    "recruits", ["cohort", "chatname"])
