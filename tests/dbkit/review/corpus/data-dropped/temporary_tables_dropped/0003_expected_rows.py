"""A TEMP table made to compare contracts, dropped as pg_temp.<name>; then a drop of a real
table while a TEMP table of another name exists"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("CREATE TEMPORARY TABLE expected_totals (id integer NOT NULL, total integer)")
    op.execute("DROP TABLE pg_temp.expected_totals")
    op.execute("CREATE TEMP TABLE scratch (id integer)")
    op.execute("DROP TABLE scratch")
    op.execute("DROP TABLE ledgers")


def downgrade():
    pass
