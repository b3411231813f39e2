"""Create recruits with a check on status"""
from alembic import op
import sqlalchemy as sa

revision = "0001"
down_revision = None


def upgrade():
    op.create_table(
        "recruits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_check_constraint("ck_recruits_status", "recruits",
                               "status IN ('NEW', 'ENROLLED')")


def downgrade():
    op.drop_table("recruits")
