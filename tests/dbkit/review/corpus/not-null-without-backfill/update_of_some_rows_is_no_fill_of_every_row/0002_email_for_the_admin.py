"""Give the admin an email: the other rows keep what they hold"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE recruits SET email = 'admin@example.org' WHERE chatname = 'admin'")


def downgrade():
    op.execute("UPDATE recruits SET email = NULL WHERE chatname = 'admin'")
