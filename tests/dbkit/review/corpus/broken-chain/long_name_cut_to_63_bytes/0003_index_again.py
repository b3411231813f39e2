"""Create it again under the name PostgreSQL had kept, then once more by its long name:
the same object, so that second create fails"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_index("ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendan",
                    "recruits", ["cohort", "chatname"])


def downgrade():
    op.drop_index("ix_recruits_cohort_and_chatname_for_the_weekly_standup_attendan",
                  table_name="recruits")
