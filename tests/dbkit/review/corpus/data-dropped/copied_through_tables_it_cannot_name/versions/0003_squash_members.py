"""Move members into instances through the project's table loader, then drop members"""
from alembic import op

from dbutils import load_table

revision = "0003"
down_revision = "0002"

MEMBERS = "members"


def upgrade():
    connection = op.get_bind()
    target = load_table("instances", connection)
    source = load_table(MEMBERS, connection)
    moved = []
    for row in connection.execute(source.select()):
        moved.append({"id": row.id, "size": row.size})
    op.bulk_insert(target, moved)
    op.drop_table(MEMBERS)


def downgrade():
    pass
