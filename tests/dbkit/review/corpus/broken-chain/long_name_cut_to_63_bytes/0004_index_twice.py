"""Create the index by its long name, in SQL: PostgreSQL cuts it to the one 0003 made"""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("CREATE INDEX ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report "
               "ON recruits (cohort, chatname)")


def downgrade():
    op.execute("DROP INDEX ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report")
