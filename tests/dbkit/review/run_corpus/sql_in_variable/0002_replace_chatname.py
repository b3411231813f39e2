"""Replace chatname by rocketchat_user, in SQL kept in variables"""
from alembic import op

revision = "0002"
down_revision = "0001"

SCRIPT = ("ALTER TABLE recruits DROP COLUMN chatname;"
          "ALTER TABLE recruits ADD COLUMN rocketchat_user VARCHAR(100)")


def upgrade():
    for statement in SCRIPT.split(";"):  # a loop over what only a run can tell
        op.execute(statement)


def downgrade():
    op.execute("ALTER TABLE recruits DROP COLUMN rocketchat_user")
    op.execute("ALTER TABLE recruits ADD COLUMN chatname VARCHAR(100)")
