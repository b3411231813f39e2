"""Both shas dropped"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("build", "revision_sha")
    op.drop_column("build", "parent_sha")


def downgrade():
    op.add_column("build", sa.Column("parent_sha", sa.String(40), nullable=True))
    op.add_column("build", sa.Column("revision_sha", sa.String(40), nullable=True))
