"""Create recruits, and an index whose name is longer than PostgreSQL keeps (63 bytes)"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("cohort", sa.String(100)), sa.Column("chatname", sa.String(100)))
    op.execute("CREATE INDEX ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendance_report "
               "ON recruits (cohort, chatname)")


def downgrade():
    op.drop_table("recruits")
