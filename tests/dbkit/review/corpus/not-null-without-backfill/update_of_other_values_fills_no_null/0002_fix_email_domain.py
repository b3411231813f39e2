"""Fix one mistyped email: WHERE email = ... never matches a NULL, so no NULL is filled"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("UPDATE recruits SET email = 'jane@example.org' WHERE email = 'jane@exmaple.org'")


def downgrade():
    pass  # the typo is not worth restoring
