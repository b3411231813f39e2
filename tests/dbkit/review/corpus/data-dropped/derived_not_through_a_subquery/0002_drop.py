"""uid goes (the row can compute it again: a warning); peers goes too: a subquery over other
rows made it, no formula of the row (an error, as any fill through a subquery)"""
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("speakers", "uid")
    op.drop_column("speakers", "peers")


def downgrade():
    pass
