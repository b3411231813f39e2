"""Add audit_log.at"""
from alembic import op
import sqlalchemy as sa

revision = "0102"
down_revision = "0101"


def upgrade():
    op.add_column("audit_log", sa.Column("at", sa.DateTime(), nullable=True))


def downgrade():
    op.drop_column("audit_log", "at")
