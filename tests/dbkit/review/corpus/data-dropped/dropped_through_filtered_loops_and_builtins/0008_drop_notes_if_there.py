import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"


def upgrade():
    if sa.inspect(op.get_bind()).has_table("notes"):
        op.drop_table("notes")


def downgrade():
    pass
