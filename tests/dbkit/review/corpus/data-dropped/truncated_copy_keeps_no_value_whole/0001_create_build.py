"""Create build, with a revision_sha, a short target and a full one"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("build", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("revision_sha", sa.String(40), nullable=True),
                    sa.Column("parent_sha", sa.String(40), nullable=True),
                    sa.Column("target", sa.String(12), nullable=True),
                    sa.Column("parent", sa.String(40), nullable=True))


def downgrade():
    op.drop_table("build")
