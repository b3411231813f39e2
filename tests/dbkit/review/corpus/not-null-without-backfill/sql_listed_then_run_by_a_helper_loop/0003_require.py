"""Names and kinds required"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("form_fields", "name", existing_type=sa.String(), nullable=False)
    op.alter_column("form_fields", "kind", existing_type=sa.String(), nullable=False)


def downgrade():
    op.alter_column("form_fields", "kind", existing_type=sa.String(), nullable=True)
    op.alter_column("form_fields", "name", existing_type=sa.String(), nullable=True)
