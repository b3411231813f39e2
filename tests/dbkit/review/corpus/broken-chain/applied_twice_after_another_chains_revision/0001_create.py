"""Create members, linked to the accounts package's roles table (made by its own chain)"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("members", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("role_id", sa.Integer()))
    op.create_foreign_key("fk_members_role_id", "members", "roles", ["role_id"], ["id"])


def downgrade():
    op.drop_table("members")
