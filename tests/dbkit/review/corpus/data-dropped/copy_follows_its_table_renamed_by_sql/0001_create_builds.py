"""Create build and buildfamily, each with a revision_sha"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("build", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("revision_sha", sa.String(40), nullable=True),
                    sa.Column("target", sa.String(40), nullable=True))
    op.create_table("buildfamily", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("revision_sha", sa.String(40), nullable=True))


def downgrade():
    op.drop_table("buildfamily")
    op.drop_table("build")
