"""Users and players"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("players", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("player_id", sa.Integer, sa.ForeignKey("players.id")),
                    sa.Column("hashed_password", sa.Text))


def downgrade():
    op.drop_table("users")
    op.drop_table("players")
