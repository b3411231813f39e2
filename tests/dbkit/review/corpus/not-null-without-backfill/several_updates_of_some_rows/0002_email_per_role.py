"""Give each of the two chatnames the chain knows an email"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE recruits SET email = 'admin@example.org' WHERE chatname = 'admin'")
    op.execute("UPDATE recruits SET email = 'coach@example.org' WHERE chatname = 'coach'")


def downgrade():
    op.execute("UPDATE recruits SET email = NULL WHERE chatname IN ('admin', 'coach')")
