"""Fix a mistake in 0002's model: status NOT NULL (it is already, since 0002)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("job", "status", existing_type=sa.String(20), nullable=False)


def downgrade():
    op.alter_column("job", "status", existing_type=sa.String(20), nullable=True)
