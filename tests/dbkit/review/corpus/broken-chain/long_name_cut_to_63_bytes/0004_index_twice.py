"""Create the index by its long name: PostgreSQL cuts it to the one 0003 made"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.create_index("ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report",
                    "recruits", ["cohort", "chatname"])


def downgrade():
    op.drop_index("ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report",
                  table_name="recruits")
