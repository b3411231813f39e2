"""The new foreign key takes the name the old one freed"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_foreign_key("recruits_cohort_id_fkey", "recruits", "cohorts", ["cohort_id"], ["id"],
                          ondelete="CASCADE")
    op.drop_constraint("recruits_old_cohort_id_fkey", "recruits", type_="foreignkey")


def downgrade():
    op.create_foreign_key("recruits_old_cohort_id_fkey", "recruits", "cohorts", ["cohort_id"],
                          ["id"])
    op.drop_constraint("recruits_cohort_id_fkey", "recruits", type_="foreignkey")
