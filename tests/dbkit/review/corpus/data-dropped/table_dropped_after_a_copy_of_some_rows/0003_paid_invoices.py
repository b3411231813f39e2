"""Only the paid invoices move to the archive; the table goes (the others are lost). Every
tag is moved (the NOT EXISTS only skips those moved already): no loss"""
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
    op.create_table("labels", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("name", sa.String(40), nullable=True))
    op.execute("INSERT INTO labels (id, name) SELECT t.id, t.name FROM tags t "
               "WHERE NOT EXISTS (SELECT 1 FROM labels l WHERE l.id = t.id)")
    op.drop_table("tags")


def downgrade():
    raise RuntimeError("not reversible")
