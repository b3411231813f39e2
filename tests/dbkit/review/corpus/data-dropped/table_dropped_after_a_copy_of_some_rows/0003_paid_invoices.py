"""Only the paid invoices move to the archive; the table goes (the others are lost)"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_table(
        "archived_invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("total", sa.Integer(), nullable=True),
    )
    op.execute("INSERT INTO archived_invoices (id, total) "
               "SELECT id, total FROM invoices WHERE status = 'paid'")
    op.drop_table("invoices")


def downgrade():
    raise RuntimeError("not reversible")
