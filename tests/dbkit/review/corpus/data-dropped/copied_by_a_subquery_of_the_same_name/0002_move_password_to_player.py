"""Move the password to the player (Shvatka 3623ff956424, held-out30)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("players", sa.Column("hashed_password", sa.Text(), nullable=True))
    op.execute(
        """
        UPDATE players p
        SET hashed_password=(select hashed_password
        from users u
        where u.player_id = p.id)
        """
    )


def downgrade():
    op.drop_column("players", "hashed_password")
