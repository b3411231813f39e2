"""Drop the trigger, uid (computed: derived) and handle (lost)"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DROP TRIGGER accounts_uid ON accounts")
    op.drop_column("accounts", "uid")
    op.drop_column("accounts", "handle")


def downgrade():
    raise RuntimeError("not reversible")
