"""Link recruits to their cohort and mentor, under names; the downgrade Alembic wrote drops None"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer()))
    op.add_column("recruits", sa.Column("mentor_id", sa.Integer()))
    op.create_foreign_key("fk_recruits_cohort", "recruits", "cohorts", ["cohort_id"], ["id"])
    op.create_foreign_key("fk_recruits_mentor", "recruits", "recruits", ["mentor_id"], ["id"])


def downgrade():
    op.drop_constraint(None, "recruits", type_="foreignkey")
    op.drop_constraint(None, "recruits", type_="foreignkey")
    op.drop_column("recruits", "mentor_id")
    op.drop_column("recruits", "cohort_id")
