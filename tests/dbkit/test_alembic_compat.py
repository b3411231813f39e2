"""Fails the day an Alembic upgrade removes or changes a private name dbkit relies on."""

import io

import sqlalchemy as sa
from alembic.operations import Operations, ops
from alembic.runtime.migration import MigrationContext

from dbkit import alembic_compat


def test_the_offline_context_renders_one_revision_in_its_own_transaction():
    buffer = io.StringIO()
    context = MigrationContext.configure(dialect_name="postgresql", opts={
        "as_sql": True, "output_buffer": buffer, "transaction_per_migration": True})
    with Operations.context(context), alembic_compat.per_migration_transaction(context):
        Operations(context).add_column("recruits", sa.Column("cohort", sa.String(100)))
    sql = buffer.getvalue()
    assert sql.index("BEGIN") < sql.index("ALTER TABLE recruits ADD COLUMN cohort") < sql.index("COMMIT")


def test_a_revision_without_its_env_py_still_has_alembic_context():
    """What revisions ask of ``alembic.context`` (privacyIDEA: get_context, is_offline_mode)."""
    from alembic import context as alembic_context

    migration = MigrationContext.configure(dialect_name="postgresql", opts={
        "as_sql": True, "output_buffer": io.StringIO()})
    with alembic_compat.environment(migration):
        asked = (alembic_context.get_context() is migration, alembic_context.is_offline_mode(),
                 alembic_context.get_context().dialect.name, alembic_context.get_x_argument(),
                 alembic_context.config.get_main_option("sqlalchemy.url"))

    assert asked == (True, True, "postgresql", [], None)
    assert not hasattr(alembic_context, "_proxy") or alembic_context._proxy is None


def test_the_calling_line_is_found_through_the_stack():
    def inner() -> int | None:
        return alembic_compat.calling_line(__file__)

    expected = test_the_calling_line_is_found_through_the_stack.__code__.co_firstlineno + 5
    assert inner() == expected
    assert alembic_compat.calling_line("/no/such/file.py") is None


def test_a_dropped_column_keeps_its_type_and_types_have_an_affinity():
    dropped = ops.DropColumnOp.from_column_and_tablename(
        None, "recruits", sa.Column("chatname", sa.String(100)))
    column = alembic_compat.dropped_column(dropped)
    assert column is not None and column.name == "chatname"
    assert alembic_compat.type_affinity(column.type) is alembic_compat.type_affinity(sa.Text())
    assert alembic_compat.type_affinity(sa.Integer()) is not alembic_compat.type_affinity(sa.Text())
    assert alembic_compat.dropped_column(ops.DropColumnOp("recruits", "chatname")) is None


def test_planned_steps_and_a_nested_command_keep_the_outer_environment():
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

    from dbkit import revisions

    config = revisions.alembic_config()
    script = ScriptDirectory.from_config(config)
    outer = EnvironmentContext(config, script, fn=lambda heads, context: ["step 1", "step 2"],
                               destination_rev="head")
    with outer:
        outer.configure(dialect_name="postgresql", as_sql=True, output_buffer=io.StringIO())
        assert alembic_compat.planned_steps(outer.get_context()) == ["step 1", "step 2"]
        with alembic_compat.keep_outer_environment(), EnvironmentContext(config, script):
            pass  # a nested command installs its own environment and removes it
        import alembic.context
        assert alembic.context.get_context() is outer.get_context()


def test_every_op_statement_goes_through_the_hook_with_its_sql(engine):
    """``DefaultImpl._exec``: DDL and text come with their SQL; a Core update runs as is."""
    from alembic import op

    seen: list[str] = []

    def around(connection, sql, execute):
        assert connection is migration.impl.connection
        seen.append(" ".join(sql.split()))
        return execute()

    with engine.connect() as conn:
        migration = MigrationContext.configure(conn)
        inner = migration.impl._exec
        with Operations.context(migration), alembic_compat.around_each_statement(migration,
                                                                                 around):
            op.create_table("t", sa.Column("id", sa.Integer))
            op.add_column("t", sa.Column("x", sa.Integer))
            op.execute("INSERT INTO t VALUES (1, 2)")
            op.execute(sa.table("t", sa.column("x")).update().values(x=3))
        assert migration.impl._exec == inner  # put back
        assert conn.execute(sa.text("SELECT x FROM t")).scalar() == 3
        conn.rollback()

    assert seen == ["CREATE TABLE t ( id INTEGER )", "ALTER TABLE t ADD COLUMN x INTEGER",
                    "INSERT INTO t VALUES (1, 2)"]
