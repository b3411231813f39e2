"""Drop settings: the SRID one the downgrade computes again, two it only restates"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM settings WHERE name = 'local_srid'")
    op.execute("DELETE FROM settings WHERE name = 'theme'")
    op.execute("DELETE FROM settings WHERE name = 'owner'")


def downgrade():
    op.execute("INSERT INTO settings (name, value) "
               "VALUES ('local_srid', Find_SRID('ref_geo', 'l_areas', 'geom'))")
    op.execute("INSERT INTO settings (name, value) VALUES ('theme', 'dark')")
    # only a key looked up by a name: the value it held is the constant restated
    op.execute("INSERT INTO settings (name, value, owner_id) "
               "VALUES ('owner', 'admin', (SELECT id FROM users WHERE login = 'admin'))")
