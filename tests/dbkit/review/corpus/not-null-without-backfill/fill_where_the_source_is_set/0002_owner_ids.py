"""owner becomes owner_id; created_by_id copies owner_id"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("orgs", sa.Column("owner_id", sa.Uuid(), nullable=True))
    op.add_column("orgs", sa.Column("created_by_id", sa.Uuid(), nullable=True))
    op.execute("UPDATE orgs SET owner_id = owner::uuid WHERE owner IS NOT NULL")
    op.execute("UPDATE orgs SET created_by_id = owner_id WHERE owner_id IS NOT NULL")
    op.alter_column("orgs", "owner_id", nullable=False)
    op.alter_column("orgs", "created_by_id", nullable=False)


def downgrade():
    op.drop_column("orgs", "created_by_id")
    op.drop_column("orgs", "owner_id")
