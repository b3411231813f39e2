"""Hard-delete the soft-deleted rows: the rows left hold false or NULL"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM recruits WHERE deleted = true")
    op.drop_column("recruits", "deleted")


def downgrade():
    op.add_column("recruits", sa.Column("deleted", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
