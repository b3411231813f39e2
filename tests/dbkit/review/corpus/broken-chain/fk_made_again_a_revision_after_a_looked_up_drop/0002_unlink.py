"""Cohorts move to a service of their own: every key of recruits pointing at cohorts is
looked up and dropped (their names differ between databases)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _drop_cohort_fks(table):
    inspector = sa.inspect(op.get_bind())
    for fk in inspector.get_foreign_keys(table):
        if fk["referred_table"] == "cohorts":
            op.drop_constraint(fk["name"], table, type_="foreignkey")


def upgrade():
    _drop_cohort_fks("recruits")


def downgrade():
    op.create_foreign_key("fk_recruits_cohort_id_cohorts", "recruits", "cohorts", ["cohort_id"], ["id"])
