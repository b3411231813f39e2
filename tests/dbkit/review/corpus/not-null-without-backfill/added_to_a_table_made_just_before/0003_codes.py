"""cohorts (made just before, written by no revision) and recruits both get a code"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("cohorts", sa.Column("code", sa.String(10), nullable=False))
    op.add_column("recruits", sa.Column("code", sa.String(10), nullable=False))


def downgrade():
    op.drop_column("recruits", "code")
    op.drop_column("cohorts", "code")
