"""The person who objects: another value, one word of the name swapped (20251211000001)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("objections", sa.Column("obj_requester_name", sa.String(200)))


def downgrade():
    op.drop_column("objections", "obj_requester_name")
