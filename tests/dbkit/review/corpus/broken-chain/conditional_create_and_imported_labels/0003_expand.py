"""Labels from an imported constant"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


from neutron.db.migration import cli

branch_labels = (cli.EXPAND_BRANCH,)


def upgrade():
    op.add_column("recruits", sa.Column("github_name", sa.String(100), nullable=True))


def downgrade():
    op.drop_column("recruits", "github_name")
