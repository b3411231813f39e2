"""Drop the user's password"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("users", "hashed_password")


def downgrade():
    op.add_column("users", sa.Column("hashed_password", sa.Text()))
    op.execute("UPDATE users u SET hashed_password = "
               "(SELECT p.hashed_password FROM players p WHERE p.id = u.player_id)")
