"""MySQL needs its foreign keys re-created; PostgreSQL does not"""
from alembic import op

revision = "0002"
down_revision = "0001"

MYSQL = "mysql"


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == MYSQL:
        op.create_foreign_key(None, "recruits", "cohorts", ["cohort_id"], ["id"])
    else:
        op.create_foreign_key("fk_recruits_cohort_id", "recruits", "cohorts", ["cohort_id"],
                              ["id"])


def downgrade():
    op.drop_constraint("fk_recruits_cohort_id", "recruits", type_="foreignkey")
