"""Add cohort (a Python 2.7 project: print statements, ``except E, e``)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    print "adding recruits.cohort"
    op.add_column("recruits", sa.Column("cohort", sa.String(20), nullable=True))


def downgrade():
    try:
        op.drop_column("recruits", "cohort")
    except Exception, exc:
        print >>sys.stderr, "cannot drop recruits.cohort: %s" % exc
        raise
