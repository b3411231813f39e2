"""A second head, branching off 0002"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("github_name", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("recruits", "github_name")
