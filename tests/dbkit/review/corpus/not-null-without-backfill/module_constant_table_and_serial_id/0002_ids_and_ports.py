"""A table named by a module constant (neutron's, lemur's shape)"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


TABLE = "recruits"


def upgrade():
    op.add_column(TABLE, sa.Column("number", sa.Integer, primary_key=True, autoincrement=True))
    op.add_column(TABLE, sa.Column("port", sa.Integer(), nullable=False))
    op.alter_column(TABLE, "chatname", nullable=False, existing_nullable=False,
                    existing_type=sa.String(100))


def downgrade():
    op.drop_column(TABLE, "port")
    op.drop_column(TABLE, "number")
