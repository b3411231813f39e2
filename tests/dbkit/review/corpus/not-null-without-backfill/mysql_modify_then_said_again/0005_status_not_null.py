"""status NOT NULL once more, with no fill since 0004 made it nullable"""
from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"


def upgrade():
    op.alter_column("job", "status", existing_type=sa.String(20), nullable=False)


def downgrade():
    op.alter_column("job", "status", existing_type=sa.String(20), nullable=True)
