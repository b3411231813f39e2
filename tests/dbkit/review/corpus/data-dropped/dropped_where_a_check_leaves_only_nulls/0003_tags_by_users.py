"""Tags owned by users only, a revision after their CHECK went (by its convention's name)"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("tags", "user_id", existing_type=sa.Integer(), nullable=False)
    op.drop_column("tags", "org_id")


def downgrade():
    op.add_column("tags", sa.Column("org_id", sa.Integer))
    op.alter_column("tags", "user_id", existing_type=sa.Integer(), nullable=True)
