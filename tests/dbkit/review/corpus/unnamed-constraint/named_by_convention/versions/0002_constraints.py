"""Constraints named by the convention (upgrade), and a drop no convention can name"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_unique_constraint(None, "recruits", ["email"])
    op.create_foreign_key(None, "recruits", "cohorts", ["cohort_id"], ["id"])
    op.create_check_constraint(None, "recruits", "email LIKE '%@%'")


def downgrade():
    op.drop_constraint("ck_recruits", "recruits", type_="check")
    op.drop_constraint("fk_recruits_cohort_id_cohorts", "recruits", type_="foreignkey")
    op.drop_constraint(None, "recruits", type_="unique")
