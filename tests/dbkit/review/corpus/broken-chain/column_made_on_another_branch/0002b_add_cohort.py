"""add the column on a branch of its own"""
from alembic import op
import sqlalchemy as sa

revision = "0002b"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer()))


def downgrade():
    op.drop_column("recruits", "cohort_id")
