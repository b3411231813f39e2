"""hard-delete the soft-deleted tags, then drop the flag"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

tags = sa.table("tags", sa.column("deleted_at", sa.DateTime()))


def upgrade():
    op.get_bind().execute(sa.delete(tags).where(tags.c.deleted_at.is_not(None)))
    op.drop_column("tags", "deleted_at")


def downgrade():
    op.add_column("tags", sa.Column("deleted_at", sa.DateTime(), nullable=True))
