"""Shorter cohort ids: the key is looked up and dropped by a helper handed the batch, the
column changed, and the key made again under its name (one key, not two)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def _drop_fk_if_present(batch_op, inspector, table_name, columns, referred_table):
    for foreign_key in inspector.get_foreign_keys(table_name):
        if foreign_key["referred_table"] == referred_table and foreign_key["constrained_columns"] == columns:
            batch_op.drop_constraint(foreign_key["name"], type_="foreignkey")


def upgrade():
    inspector = sa.inspect(op.get_bind())
    with op.batch_alter_table("recruits") as batch_op:
        _drop_fk_if_present(batch_op, inspector, "recruits", ["cohort_id"], "cohorts")
        batch_op.alter_column("cohort_id", existing_type=sa.String(36), type_=sa.String(12))
    with op.batch_alter_table("cohorts") as batch_op:
        batch_op.alter_column("id", existing_type=sa.String(36), type_=sa.String(12))
    with op.batch_alter_table("recruits") as batch_op:
        batch_op.create_foreign_key("recruits_cohort_id_fkey", "cohorts", ["cohort_id"], ["id"])


def downgrade():
    raise RuntimeError("cohort ids were cut to 12 characters; restore from a backup")
