"""Copy the users' mail into users_private"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("INSERT INTO users_private (user_id, mail) SELECT id, mail FROM users")


def downgrade():
    op.execute("DELETE FROM users_private")
