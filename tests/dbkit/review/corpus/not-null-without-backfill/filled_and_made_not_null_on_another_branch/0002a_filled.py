"""Branch a: add test_case_id, fill it, make it NOT NULL"""
import sqlalchemy as sa
from alembic import op

revision = "0002a"
down_revision = "0001"


def upgrade():
    op.add_column("examples", sa.Column("test_case_id", sa.Integer, nullable=True))
    op.execute("UPDATE examples SET test_case_id = 0 WHERE test_case_id IS NULL")
    op.alter_column("examples", "test_case_id", nullable=False)


def downgrade():
    op.drop_column("examples", "test_case_id")
