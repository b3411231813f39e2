"""suites made and filled from tests"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("suites", sa.Column("name", sa.Text(), primary_key=True))
    op.create_table("suite_log", sa.Column("name", sa.Text(), primary_key=True))
    op.execute("INSERT INTO suites (name) SELECT DISTINCT grp FROM tests WHERE grp IS NOT NULL")


def downgrade():
    op.drop_table("suite_log")
    op.drop_table("suites")
