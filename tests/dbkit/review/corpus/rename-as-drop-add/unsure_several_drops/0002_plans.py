"""Several drops and one add on one table: no rename to propose"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("trial_expiration", sa.String(100), nullable=True))
    op.drop_column("recruits", "cohort")
    op.drop_column("recruits", "email")


def downgrade():
    op.add_column("recruits", sa.Column("email", sa.String(254)))
    op.add_column("recruits", sa.Column("cohort", sa.String(100)))
    op.drop_column("recruits", "trial_expiration")
