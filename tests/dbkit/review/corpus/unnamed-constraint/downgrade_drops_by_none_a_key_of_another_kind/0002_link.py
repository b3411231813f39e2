"""Link recruits to cohorts without a name, beside a named unique key: the downgrade's
drop of a foreign key by None is not the unique key the upgrade named"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer()))
    op.create_unique_constraint("uq_recruits_cohort", "recruits", ["id", "cohort_id"])
    op.create_foreign_key(None, "recruits", "cohorts", ["cohort_id"], ["id"])


def downgrade():
    op.drop_constraint(None, "recruits", type_="foreignkey")
    op.drop_constraint("uq_recruits_cohort", "recruits", type_="unique")
    op.drop_column("recruits", "cohort_id")
