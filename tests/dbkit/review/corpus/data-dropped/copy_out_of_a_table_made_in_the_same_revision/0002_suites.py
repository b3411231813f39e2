"""suites made and filled from tests, and its names logged while it is new: the log holds
the suites of this revision only, none the application adds later"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("suites", sa.Column("name", sa.Text(), primary_key=True))
    op.create_table("suite_log", sa.Column("name", sa.Text(), primary_key=True))
    op.execute("INSERT INTO suites (name) SELECT DISTINCT grp FROM tests WHERE grp IS NOT NULL")
    op.execute("INSERT INTO suite_log (name) SELECT name FROM suites")


def downgrade():
    op.drop_table("suite_log")
    op.drop_table("suites")
