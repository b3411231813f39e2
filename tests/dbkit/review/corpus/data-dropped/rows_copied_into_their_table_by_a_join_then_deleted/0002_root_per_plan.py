"""Each plan copied with its workspace's root, then the originals deleted"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("plans", sa.Column("root_id", sa.Integer, nullable=True))
    # copies of every plan the join reaches, with root_id set: the originals go
    op.execute("""
        INSERT INTO plans
        SELECT p.id + 10000, p.workspace_id, p.body, w.root_id
        FROM plans p JOIN workspaces w ON p.workspace_id = w.id
    """)
    op.execute("DELETE FROM plans WHERE root_id IS NULL")
    # an INSERT into another table, of other rows: the DELETE loses these
    op.execute("INSERT INTO archive (id, body) SELECT id, 'workspace' FROM workspaces")
    op.execute("DELETE FROM tasks WHERE root_id IS NULL")
    # copied with the tested column as it was: the DELETE removes the copies too
    op.execute("INSERT INTO notes (id, body, kind) SELECT n.id + 1, n.body, n.kind "
               "FROM notes n JOIN workspaces w ON w.id = n.id")
    op.execute("DELETE FROM notes WHERE kind = 'x'")
    # copied only where kind = 'warning', and no UPDATE makes those 'breach' or 'expired':
    # none of the rows the DELETE removes was copied
    op.execute("INSERT INTO configs (id, kind, pct) SELECT id + 100, 'critical', pct "
               "FROM configs WHERE kind = 'warning'")
    op.execute("UPDATE configs SET kind = 'decrease' WHERE kind = 'drop'")
    op.execute("DELETE FROM configs WHERE kind IN ('breach', 'expired')")
    # copied whole (SELECT *): each copy is deleted with its row
    op.execute("INSERT INTO logs SELECT * FROM logs")
    op.execute("DELETE FROM logs WHERE level = 'debug'")
    # copied through a WITH query, with obj set apart: a warning as for the join
    op.execute("WITH moved AS (SELECT role, 'import' AS obj FROM perms WHERE obj = 'all') "
               "INSERT INTO perms (role, obj) SELECT * FROM moved")
    op.execute("DELETE FROM perms WHERE obj = 'all'")


def downgrade():
    op.drop_column("plans", "root_id")
