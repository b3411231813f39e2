"""Add cohort nullable, backfill it, require it"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort", sa.String(100), nullable=True))
    op.execute("UPDATE recruits SET cohort = 'C25 Data Eng' WHERE cohort IS NULL")
    op.alter_column("recruits", "cohort", existing_type=sa.String(100), nullable=False)


def downgrade():
    op.drop_column("recruits", "cohort")
