"""Create reports"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("reports", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("progress", sa.Float(), nullable=True))


def downgrade():
    op.drop_table("reports")
