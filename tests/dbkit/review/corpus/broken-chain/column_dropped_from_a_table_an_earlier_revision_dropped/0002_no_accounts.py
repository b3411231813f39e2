"""Accounts go"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.drop_table("accounts")  # dbkit: data-kept-in backups/accounts.csv


def downgrade():
    op.create_table("accounts", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("email", sa.String(100)))
