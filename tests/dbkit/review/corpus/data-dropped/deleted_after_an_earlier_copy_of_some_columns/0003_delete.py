"""Delete the disabled teams and crews"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.execute("DELETE FROM team WHERE team.disabled = TRUE")
    op.execute("DELETE FROM crew WHERE crew.disabled = TRUE")


def downgrade():
    pass
