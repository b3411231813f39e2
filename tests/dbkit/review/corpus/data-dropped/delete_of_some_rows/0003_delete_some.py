"""Delete the rows nobody wants: some are lost, some are copies or orphans"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

USERS = sa.table("users", sa.column("id"), sa.column("proxy"))
PACKAGES = sa.table("packages", sa.column("id"))
DEPENDENCIES = sa.table("dependencies", sa.column("package_id"))


def upgrade():
    conn = op.get_bind()
    op.execute("DELETE FROM roles WHERE role_name = 'Admin'")
    conn.execute(sa.text("DELETE FROM flags WHERE name = :name"), {"name": "admin"})
    op.execute(USERS.delete().where(USERS.c.proxy.is_(True)))
    op.execute("DELETE FROM packages a USING packages b WHERE a.id > b.id AND a.name = b.name")
    op.execute("DELETE FROM packages WHERE id NOT IN "
               "(SELECT min(id) FROM packages GROUP BY name, copr_id)")
    op.execute("DELETE FROM dependencies WHERE package_id NOT IN (SELECT id FROM packages)")
    op.execute("DELETE FROM dependencies d WHERE NOT EXISTS "
               "(SELECT 1 FROM packages p WHERE p.id = d.depends_on)")
    op.execute("DELETE FROM users WHERE name = ANY {{unknown}} AND proxy")
    op.execute("DELETE FROM notes WHERE body = ''")
    op.execute(DEPENDENCIES.delete().where(
        DEPENDENCIES.c.package_id.notin_(sa.select(PACKAGES.c.id))))
    op.execute("""
        CREATE FUNCTION forget_flag() RETURNS trigger AS $$
        BEGIN
            DELETE FROM flags WHERE name = OLD.name;
            RETURN OLD;
        END $$ LANGUAGE plpgsql
    """)
    op.execute("CREATE TABLE flags_archive AS SELECT * FROM flags")
    op.execute("DELETE FROM flags WHERE name = 'copied'")


def downgrade():
    pass
