"""Drop accounts.name, add a required code (an index built outside the transaction)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.drop_column("accounts", "name")
    op.add_column("accounts", sa.Column("code", sa.Text(), nullable=False))
    with op.get_context().autocommit_block():
        op.create_index("ix_accounts_code", "accounts", ["code"], postgresql_concurrently=True)


def downgrade():
    op.drop_index("ix_accounts_code", table_name="accounts")
    op.drop_column("accounts", "code")
    op.add_column("accounts", sa.Column("name", sa.Text(), nullable=True))
