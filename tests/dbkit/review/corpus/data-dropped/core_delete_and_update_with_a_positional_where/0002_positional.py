"""SQLAlchemy 1.x: a positional WHERE of delete() and update()"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

PERMISSION = sa.table("permission", sa.column("object_id"), sa.column("group_id"),
                      sa.column("reason_type"))
OBJECTS = sa.table("objects", sa.column("id"), sa.column("kind"), sa.column("old_kind"))


def upgrade():
    op.execute(PERMISSION.delete(sa.and_(PERMISSION.c.group_id == 1,
                                         PERMISSION.c.reason_type == "shared")))
    op.execute(PERMISSION.delete().where(PERMISSION.c.reason_type == "shared"))
    op.execute(PERMISSION.delete(None))
    op.execute(OBJECTS.update(OBJECTS.c.kind.is_(None), {"kind": OBJECTS.c.old_kind}))
    op.drop_column("objects", "old_kind")


def downgrade():
    op.add_column("objects", sa.Column("old_kind", sa.Text))
