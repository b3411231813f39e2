"""Drop id_number, add cohort_id: different types, so not a rename, but data is lost"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer(), nullable=True))
    op.drop_column("recruits", "id_number")


def downgrade():
    op.add_column("recruits", sa.Column("id_number", sa.String(13), nullable=True))
    op.drop_column("recruits", "cohort_id")
