"""Drop cohort, and add nickname (filled)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("recruits", "cohort")
    op.add_column("recruits", sa.Column("nickname", sa.String(100), nullable=True))
    op.execute("UPDATE recruits SET nickname = chatname")
    op.alter_column("recruits", "nickname", nullable=False)


def downgrade():
    op.drop_column("recruits", "nickname")
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True))
