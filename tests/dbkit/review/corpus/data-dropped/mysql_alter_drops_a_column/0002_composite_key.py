"""MySQL (beaker 1626ad29c170): remove duplicates, then replace the surrogate id by a
composite key. The DELETE and the ALTER TABLE are MySQL only: the reviewer reads the ALTER's
DROP COLUMN clause; neither statement copies a value anywhere, so the id's values are lost."""
from alembic import op

revision = "0002"
down_revision = "0001"


def find_fk(table, columns):
    return "task_exclude_ibfk_1"


def upgrade():
    op.execute("""
        DELETE a
        FROM task_exclude a
        LEFT JOIN (
            SELECT MAX(id) max_id, task_id, arch_id
            FROM task_exclude
            GROUP BY task_id, arch_id) b
            ON a.id = max_id
        WHERE b.max_id IS NULL
        """)
    fk = find_fk("task_exclude", ["task_id"])
    op.execute("""
        ALTER TABLE task_exclude
            DROP COLUMN id,
            ADD PRIMARY KEY(task_id, arch_id),
            DROP FOREIGN KEY `{fk}`,
            MODIFY COLUMN task_id INT(11) NOT NULL
        """.format(fk=fk))


def downgrade():
    op.execute("ALTER TABLE task_exclude DROP PRIMARY KEY, ADD COLUMN id INT AUTO_INCREMENT PRIMARY KEY FIRST")
