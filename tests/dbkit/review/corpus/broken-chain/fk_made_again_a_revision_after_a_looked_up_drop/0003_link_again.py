"""Cohorts come back: the key is made again under its name (dropped by 0002, made once)"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_foreign_key("fk_recruits_cohort_id_cohorts", "recruits", "cohorts", ["cohort_id"], ["id"],
                          ondelete="SET NULL")


def downgrade():
    op.drop_constraint("fk_recruits_cohort_id_cohorts", "recruits", type_="foreignkey")
