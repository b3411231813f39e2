"""recruits, with columns a helper gives"""
from alembic import op
import sqlalchemy as sa

from app.db import audit_columns

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer(), primary_key=True),
                    *audit_columns())


def downgrade():
    op.drop_table("recruits")
