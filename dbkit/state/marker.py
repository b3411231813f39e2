"""The environment marker: which environment a database is, recorded in the database itself.

The first migration of a database records ``dev`` or ``prod`` in the table
``dbkit_environment``; every writing path reads it back and stops before any
write when ``ENV`` names the other environment.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from dbkit.database import Target
from dbkit.errors import WrongEnvironment

if TYPE_CHECKING:
    from alembic.runtime.migration import MigrationContext
    from sqlalchemy.engine import Connection

MARKER_TABLE = "dbkit_environment"


def include_name(name: str | None, type_: str, parent_names: Mapping) -> bool:
    """For autogenerate and ``alembic check``: the marker table is ours, not the models'."""
    return not (type_ == "table" and name == MARKER_TABLE)


def marked_environment(connection: Connection) -> tuple[str, str] | None:
    """(env, first migrated at) recorded in this database, or None if it has no marker."""
    import sqlalchemy as sa

    if connection.execute(sa.text("SELECT to_regclass(:t)"), {"t": MARKER_TABLE}).scalar() is None:
        return None
    row = connection.execute(sa.text(
        f"SELECT env, to_char(first_migrated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') "
        f"FROM {MARKER_TABLE}")).first()
    return (row[0], row[1]) if row else None


def require_environment(connection: Connection, target: Target) -> None:
    """Stop, writing nothing, if this database is marked as the other environment."""
    marker = marked_environment(connection)
    if connection.in_transaction():
        connection.commit()
    if marker is None or marker[0] == target.env:
        return
    marked_env, since = marker
    raise WrongEnvironment(
        f"ENV is {target.env} but {target.address} is the {marked_env} database (marked "
        f"{marked_env} when first migrated, {since} UTC); nothing was changed: check ENV and "
        f"the DATABASE_URL ({target.source})")


def environment_marker(env: str) -> Callable[..., None]:
    """An ``on_version_apply`` callback recording ``env`` in the first migration's transaction.

    Written inside that transaction, so a first migration that fails leaves
    no marker either; written once, never changed (``restore`` re-marks a
    database it replaces).
    """
    def mark(ctx: MigrationContext, **_: object) -> None:
        if ctx.as_sql or ctx.connection is None or marked_environment(ctx.connection) is not None:
            return
        write_marker(ctx.connection, env)

    return mark


def write_marker(connection: Connection, env: str) -> None:
    import sqlalchemy as sa

    connection.execute(sa.text(
        f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} ("
        "  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),"
        "  env text NOT NULL CHECK (env IN ('dev', 'prod')),"
        "  first_migrated_at timestamptz NOT NULL DEFAULT now())"))
    connection.execute(sa.text(
        f"COMMENT ON TABLE {MARKER_TABLE} IS 'Which environment this database is "
        f"(dbkit.state.marker): migrations with another ENV stop. Not part of the models.'"))
    connection.execute(sa.text(
        f"INSERT INTO {MARKER_TABLE} (env) VALUES (:env) "
        "ON CONFLICT (only_row) DO UPDATE SET env = excluded.env"), {"env": env})


def require_disposable(connection: Connection, target: Target, action: str) -> None:
    """Stop, writing nothing, before a tool drops or rewrites a database that may hold real data.

    ``dbkit reset``, ``situation`` and ``step`` call this with the database they
    actually reached (whatever ``ENV`` says): a database marked prod is refused,
    and so is an unmarked one that holds rows, unless dbkit made it (its
    database comment starts with ``dbkit:``).
    """
    import sqlalchemy as sa

    from dbkit.errors import Refused

    marker = marked_environment(connection)
    if marker is not None and marker[0] == "prod":
        raise Refused(f"{action} refused: {target.address} is the prod database (marked prod "
                      f"{marker[1]} UTC); nothing was changed")
    if marker is not None:
        return
    made_by_dbkit = connection.execute(sa.text(
        "SELECT coalesce(shobj_description(oid, 'pg_database'), '') LIKE 'dbkit:%' "
        "FROM pg_database WHERE datname = current_database()")).scalar()
    tables = connection.execute(sa.text(
        "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables "
        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")).scalars().all()
    holds_rows = any(connection.execute(sa.text(f"SELECT EXISTS (SELECT FROM {table})")).scalar()
                     for table in tables if not table.endswith(".alembic_version"))
    if holds_rows and not made_by_dbkit:
        raise Refused(f"{action} refused: {target.address} has no environment marker but holds "
                      "rows, so it may be someone's real data; nothing was changed")


def replace_marker_sql(env: str) -> str:
    """SQL that gives a database the marker ``env`` whatever it held (``restore`` runs it last).

    Drops any table of that name the dump brought (another environment's
    marker, or a hostile look-alike) and writes a fresh one, schema-qualified.
    """
    if env not in ("dev", "prod"):
        raise ValueError(f"not an environment: {env!r}")
    return (f"DROP TABLE IF EXISTS public.{MARKER_TABLE} CASCADE;\n"
            f"CREATE TABLE public.{MARKER_TABLE} ("
            "only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), "
            "env text NOT NULL CHECK (env IN ('dev', 'prod')), "
            "first_migrated_at timestamptz NOT NULL DEFAULT pg_catalog.now());\n"
            f"COMMENT ON TABLE public.{MARKER_TABLE} IS 'Which environment this database is "
            "(dbkit.state.marker): migrations with another ENV stop. Not part of the models.';\n"
            f"INSERT INTO public.{MARKER_TABLE} (env) VALUES ('{env}');")
