"""The expand branch starts here"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


branch_labels = ("expand",)


def upgrade():
    op.add_column("recruits", sa.Column("github_name", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("recruits", "github_name")
