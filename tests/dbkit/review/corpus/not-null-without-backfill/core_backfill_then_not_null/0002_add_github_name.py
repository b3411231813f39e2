"""Add github_name in three steps, the backfill written with Core"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("github_name", sa.String(100), nullable=True))
    recruits = sa.table("recruits", sa.column("github_name", sa.String))
    op.execute(recruits.update().where(recruits.c.github_name.is_(None))
               .values(github_name="unknown"))
    op.alter_column("recruits", "github_name", nullable=False)


def downgrade():
    op.drop_column("recruits", "github_name")
