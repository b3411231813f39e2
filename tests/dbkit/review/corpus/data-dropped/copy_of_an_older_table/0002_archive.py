"""Archive manifestblob, drop it"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("CREATE TABLE old_manifestblob AS SELECT * FROM manifestblob")
    op.drop_table("manifestblob")


def downgrade():
    pass
