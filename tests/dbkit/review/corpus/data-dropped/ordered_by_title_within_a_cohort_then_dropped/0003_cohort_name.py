"""Replace cohort with cohort_name, as autogenerate writes it (no copy)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.add_column("recruits", sa.Column("cohort_name", sa.String(20), nullable=True))
    op.drop_column("recruits", "cohort")


def downgrade():
    op.add_column("recruits", sa.Column("cohort", sa.VARCHAR(20), nullable=True))
    op.drop_column("recruits", "cohort_name")
