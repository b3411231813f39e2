"""The theme's key becomes a number, by SQLite's path when asked for, else PostgreSQL's"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"

BATCH = True


def upgrade():
    is_sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("library_themes", sa.Column("theme_number", sa.Integer(), nullable=True))
    op.execute("UPDATE library_themes SET theme_number = length(theme_id)")
    if is_sqlite and BATCH:  # SQLite's batch mode, never run on PostgreSQL
        with op.batch_alter_table("library_themes") as batch:
            batch.alter_column("theme_id", new_column_name="theme_id_legacy")
            batch.alter_column("theme_number", new_column_name="theme_id")
            batch.alter_column("theme_id", nullable=False)
    else:
        op.alter_column("library_themes", "theme_id", new_column_name="theme_id_legacy")
        op.alter_column("library_themes", "theme_number", new_column_name="theme_id")
        op.alter_column("library_themes", "theme_id", nullable=False)


def downgrade():
    raise RuntimeError("not reversible")
