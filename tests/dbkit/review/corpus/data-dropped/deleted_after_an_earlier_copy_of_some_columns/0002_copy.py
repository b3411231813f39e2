"""Move each team's webhook to teamslack; archive the crews' names"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("INSERT INTO teamslack (team_id, webhook_url) SELECT id, webhook FROM team")
    op.execute("INSERT INTO crew_archive (crew_id, name) SELECT id, name FROM crew")


def downgrade():
    op.execute("DELETE FROM crew_archive")
    op.execute("DELETE FROM teamslack")
