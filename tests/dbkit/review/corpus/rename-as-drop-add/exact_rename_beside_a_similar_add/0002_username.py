"""user_name is written username, and a nickname is added: the rename is sure"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("holders", sa.Column("username", sa.String(), nullable=True))
    op.add_column("holders", sa.Column("user_nickname", sa.String(), nullable=True))
    op.drop_column("holders", "user_name")


def downgrade():
    op.add_column("holders", sa.Column("user_name", sa.String(), nullable=True))
    op.drop_column("holders", "user_nickname")
    op.drop_column("holders", "username")
