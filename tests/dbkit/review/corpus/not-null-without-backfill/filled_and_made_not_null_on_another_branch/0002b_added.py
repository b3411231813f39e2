"""Branch b: add test_case_id, nullable"""
import sqlalchemy as sa
from alembic import op

revision = "0002b"
down_revision = "0001"


def upgrade():
    op.add_column("examples", sa.Column("test_case_id", sa.Integer, nullable=True))


def downgrade():
    op.drop_column("examples", "test_case_id")
