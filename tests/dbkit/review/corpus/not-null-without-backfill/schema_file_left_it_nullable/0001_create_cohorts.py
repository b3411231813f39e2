"""Create cohorts from the SQL file next to this revision"""
import os

from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    with open(os.path.join(os.path.dirname(__file__), "cohorts.sql")) as schema:
        op.execute(schema.read())


def downgrade():
    op.drop_table("cohorts")
