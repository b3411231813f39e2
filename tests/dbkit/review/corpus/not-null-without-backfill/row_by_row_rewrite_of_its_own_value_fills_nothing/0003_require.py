"""Make briefs.data and notes.body NOT NULL"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("briefs", "data", nullable=False)
    op.alter_column("notes", "body", nullable=False)


def downgrade():
    op.alter_column("notes", "body", nullable=True)
    op.alter_column("briefs", "data", nullable=True)
