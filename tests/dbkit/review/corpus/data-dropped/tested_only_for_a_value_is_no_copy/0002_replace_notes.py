"""Replace the notes by a constant where there were any: what they said is lost.

is_veteran lives on in rank: a boolean tested keeps all it held."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("flagged", sa.String(10), nullable=True))
    op.add_column("recruits", sa.Column("rank", sa.String(20), nullable=True))
    op.execute("UPDATE recruits SET flagged = 'yes' WHERE notes LIKE '%'")
    op.execute("UPDATE recruits SET rank = 'veteran' WHERE is_veteran IS NOT NULL AND is_veteran")
    op.drop_column("recruits", "notes")
    op.drop_column("recruits", "is_veteran")


def downgrade():
    op.add_column("recruits", sa.Column("is_veteran", sa.Boolean(), nullable=True))
    op.add_column("recruits", sa.Column("notes", sa.Text(), nullable=True))
    op.drop_column("recruits", "rank")
    op.drop_column("recruits", "flagged")
