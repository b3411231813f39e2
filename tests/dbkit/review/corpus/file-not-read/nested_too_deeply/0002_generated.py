"""A generated revision"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

SHAPE = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.Integer(), nullable=True))


def downgrade():
    op.drop_column("recruits", "cohort")
