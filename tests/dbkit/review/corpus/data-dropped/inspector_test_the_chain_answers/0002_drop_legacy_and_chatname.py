"""Drop the old tool's version table where it is left over, and chatname on databases
that do not yet have cohorts (every database this chain built has recruits, no cohorts)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    inspector = sa.inspect(op.get_bind())
    tables = inspector.get_table_names()
    if "migrate_version" in tables:
        op.drop_table("migrate_version")
    if "recruits" not in inspector.get_table_names():
        op.drop_column("recruits", "chatname")
    if "recruits" in tables:
        op.drop_column("recruits", "cohort")


def downgrade():
    pass
