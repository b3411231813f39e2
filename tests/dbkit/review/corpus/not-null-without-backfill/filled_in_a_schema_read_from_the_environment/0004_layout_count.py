"""A fill returned by a helper, on {schema}."t" (a schema the reviewer cannot evaluate, quoted
by another helper); a DROP on such a name stays unread"""
import os

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"

_TABLE = "layouts"


def _quoted(identifier):
    return '"' + identifier.replace('"', '""') + '"'


def _qualified(schema, identifier):
    return f"{_quoted(schema)}.{_quoted(identifier)}"


def _backfill_sql(schema):
    layouts = _qualified(schema, _TABLE)
    builds = _qualified(schema, "builds")
    return f"""
    UPDATE {layouts} AS layout
       SET build_count = (SELECT count(*) FROM {builds} AS build
                           WHERE build.artifact = layout.artifact)
     WHERE layout.build_count IS NULL;
    """


def upgrade():
    schema = os.getenv("APP_DB_SCHEMA") or "app"
    op.add_column(_TABLE, sa.Column("build_count", sa.Integer(), nullable=True), schema=schema)
    op.execute(_backfill_sql(schema))
    op.alter_column(_TABLE, "build_count", nullable=False, schema=schema)
    op.execute(f"DROP TABLE IF EXISTS {_qualified(schema, 'attestations')} CASCADE;")


def downgrade():
    pass
