"""Replace integer ids by UUIDs (full-stack-fastapi-template d98dd8ec85a3)"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("user", sa.Column("new_id", postgresql.UUID(as_uuid=True)))
    op.add_column("item", sa.Column("new_owner_id", postgresql.UUID(as_uuid=True), nullable=True))
    op.execute('UPDATE "user" SET new_id = gen_random_uuid()')
    op.execute('UPDATE item SET new_owner_id = (SELECT new_id FROM "user" WHERE "user".id = item.owner_id)')
    op.drop_constraint("item_owner_id_fkey", "item", type_="foreignkey")
    op.drop_column("item", "owner_id")
    op.alter_column("item", "new_owner_id", new_column_name="owner_id")
    op.drop_column("user", "id")
    op.alter_column("user", "new_id", new_column_name="id")


def downgrade():
    raise NotImplementedError("one way")
