"""Copy recruits into a new table: name was NOT NULL there, nickname was not"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("CREATE TABLE recruits2 AS SELECT id, name, nickname FROM recruits")
    op.execute("ALTER TABLE recruits2 ALTER COLUMN name SET NOT NULL")
    op.execute("ALTER TABLE recruits2 ALTER COLUMN nickname SET NOT NULL")


def downgrade():
    op.drop_table("recruits2")
