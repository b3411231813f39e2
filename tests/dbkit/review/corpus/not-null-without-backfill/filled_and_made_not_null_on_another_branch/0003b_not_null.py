"""Branch b: make it NOT NULL, with no fill on this branch"""
from alembic import op

revision = "0003b"
down_revision = "0002b"


def upgrade():
    op.alter_column("examples", "test_case_id", nullable=False)


def downgrade():
    op.alter_column("examples", "test_case_id", nullable=True)
