import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade():
    if "notes" in [t.lower() for t in sa.inspect(op.get_bind()).get_table_names()]:
        op.drop_table("notes")


def downgrade():
    pass
