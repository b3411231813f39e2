"""Create flag and box, and an index "order" on flag"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("flag", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("_order", sa.Integer(), nullable=True))
    op.create_table("box", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("_order", sa.Integer(), nullable=True))
    op.create_index("order", "flag", ["_order"])


def downgrade():
    op.drop_index("order", table_name="flag")
    op.drop_table("box")
    op.drop_table("flag")
