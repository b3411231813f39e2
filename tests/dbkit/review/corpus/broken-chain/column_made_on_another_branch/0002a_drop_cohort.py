"""drop a column no revision made"""
from alembic import op
import sqlalchemy as sa

revision = "0002a"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort_name", sa.String(50)))
    op.drop_column("recruits", "cohort_id")


def downgrade():
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer()))
    op.drop_column("recruits", "cohort_name")
