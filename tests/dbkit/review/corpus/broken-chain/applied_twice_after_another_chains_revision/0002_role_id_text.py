"""role_id becomes text: the accounts package's revision a1b2c3 (not in this folder) drops
every foreign key on its roles.id first, so the link is made again"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
depends_on = ["a1b2c3"]


def upgrade():
    op.alter_column("members", "role_id", type_=sa.String(80))
    op.create_foreign_key("fk_members_role_id", "members", "roles", ["role_id"], ["id"])
    op.create_index("ix_members_role_id", "members", ["role_id"])


def downgrade():
    op.drop_index("ix_members_role_id", "members")
