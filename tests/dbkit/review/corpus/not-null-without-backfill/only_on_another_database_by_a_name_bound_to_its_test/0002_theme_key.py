"""The theme's key becomes a number, by PostgreSQL's path or SQLite's (TesslateAI/Studio 0089)"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    is_postgres = op.get_bind().dialect.name == "postgresql"
    op.add_column("library_themes", sa.Column("theme_number", sa.Integer(), nullable=True))
    op.execute("UPDATE library_themes SET theme_number = length(theme_id)")
    if is_postgres:
        op.alter_column("library_themes", "theme_id", new_column_name="theme_id_legacy")
        op.alter_column("library_themes", "theme_number", new_column_name="theme_id")
        op.alter_column("library_themes", "theme_id", nullable=False)
    else:  # SQLite's batch mode, never run on PostgreSQL: no NOT NULL of an unfilled column
        with op.batch_alter_table("library_themes") as batch:
            batch.alter_column("theme_id", new_column_name="theme_id_legacy")
            batch.alter_column("theme_number", new_column_name="theme_id")
            batch.alter_column("theme_id", nullable=False)


def downgrade():
    raise RuntimeError("not reversible")
