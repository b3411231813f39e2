"""Start the cohorts over: the DELETE loses the cohorts and, ON DELETE CASCADE, the badges
and links keyed to them (NOT NULL keys), so dropping those two loses nothing more; a note
whose cohort_id is NULL survives the DELETE, and its drop loses it"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM cohorts")
    op.drop_table("cohort_badges")
    op.drop_table("cohort_notes")
    op.drop_table("cohort_links")


def downgrade():
    raise NotImplementedError("the cohorts are not kept")
