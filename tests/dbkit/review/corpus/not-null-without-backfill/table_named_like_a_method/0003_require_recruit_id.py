"""Every update must name its recruit: the loop before touched recruits only"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("update", "recruit_id", existing_type=sa.Integer(), nullable=False)


def downgrade():
    op.alter_column("update", "recruit_id", existing_type=sa.Integer(), nullable=True)
