"""The other labelled branch off 0002"""
from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0002"


from neutron.db.migration import cli

branch_labels = (cli.CONTRACT_BRANCH,)


def upgrade():
    op.create_table("audit", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade():
    op.drop_table("audit")
