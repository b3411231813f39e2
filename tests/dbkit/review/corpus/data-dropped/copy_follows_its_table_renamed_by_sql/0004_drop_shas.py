"""job.revision_sha is in job.target; the new build's revision_sha (buildfamily's) is
copied nowhere"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"


def upgrade():
    op.drop_column("job", "revision_sha")
    op.drop_column("build", "revision_sha")


def downgrade():
    op.add_column("build", sa.Column("revision_sha", sa.String(40), nullable=True))
    op.add_column("job", sa.Column("revision_sha", sa.String(40), nullable=True))
