"""Drop the index by the long name it was written with, in SQL (PostgreSQL cuts it the same
way; an op.drop_index() of a plain name over 63 characters SQLAlchemy would refuse)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DROP INDEX ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report")


def downgrade():
    op.execute("CREATE INDEX ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report "
               "ON recruits (cohort, chatname)")
