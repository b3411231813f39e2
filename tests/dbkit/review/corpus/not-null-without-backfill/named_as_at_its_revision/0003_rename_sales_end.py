"""sales_end renamed to sales_ends_at, and ticket to tickets"""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.alter_column("ticket", "sales_end", new_column_name="sales_ends_at")
    op.rename_table("ticket", "tickets")


def downgrade():
    op.rename_table("tickets", "ticket")
    op.alter_column("ticket", "sales_ends_at", new_column_name="sales_end")
