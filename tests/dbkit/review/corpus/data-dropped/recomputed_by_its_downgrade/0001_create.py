"""Create the tables: imports, the errors found in them, their sources, their fields"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("sources", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text), sa.Column("title", sa.Text))
    op.create_table("imports", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("in_error", sa.Boolean), sa.Column("step", sa.Integer),
                    sa.Column("label", sa.Text), sa.Column("state", sa.Text),
                    sa.Column("source_name", sa.Text),
                    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
                    sa.Column("source_title", sa.Text), sa.Column("created_at", sa.DateTime),
                    sa.Column("updated_at", sa.DateTime), sa.Column("done_at", sa.DateTime),
                    sa.Column("checked_at", sa.DateTime), sa.Column("nvrs", sa.Text))
    op.create_table("import_errors", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id")),
                    sa.Column("nvr", sa.Text))
    op.create_table("label_backup", sa.Column("import_id", sa.Integer, primary_key=True),
                    sa.Column("label", sa.Text))
    op.create_table("fields", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("kind", sa.Text), sa.Column("kind_group", sa.Text),
                    sa.Column("mnemonique", sa.Text), sa.Column("nomenclature", sa.Boolean))


def downgrade():
    for table in ("fields", "label_backup", "import_errors", "imports", "sources"):
        op.drop_table(table)
