"""Create orgs and workspaces"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("orgs", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("owner", sa.String(36)))
    op.create_table("workspaces", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("org_id", sa.Integer()))


def downgrade():
    op.drop_table("workspaces")
    op.drop_table("orgs")
