"""What a revision's ``upgrade(...)`` gets for the parameters a project's env.py passes it.

Alembic calls ``upgrade()`` with no argument, but a project's env.py may pass any keyword
arguments through ``context.run_migrations(**kw)`` (quay: ``upgrade(op, tables, tester)``).
Rendering the SQL for squawk runs without that env.py, so each required parameter gets a
stand-in, by its name:

- ``op``: Alembic's own ``op`` (the statements are rendered as any revision's are);
- ``tables``, ``metadata``, ``meta``: an object whose attributes are tables
  (:class:`Tables`) whose columns appear as the revision names them, so
  ``op.bulk_insert(tables.kind, [{"name": ...}])`` and ``tables.kind.c.name == ...`` render;
- ``engine_name``: see :func:`dbkit.jobs.render.calls` (the multidb template);
- anything else (a test-data helper, a flag): :class:`Nothing`, which accepts any attribute and
  any call and is false, so a revision that calls it (``tester.populate_column(...)``) goes on,
  and one that tests it (``if tester.is_testing():``) takes the branch a production run takes.

Only the SQL the revision writes through ``op`` is rendered: what a stand-in was asked to do
is not SQL, and is not checked. Runs in the sandbox process (with the project's interpreter
under ``--python``: SQLAlchemy 1.4 or 2).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

TABLE_PARAMETERS = ("tables", "metadata", "meta")


class Nothing:
    """Any attribute, any call, any item: itself; false, empty, and equal to nothing."""

    def __getattr__(self, name: str) -> Nothing:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __call__(self, *args: object, **kwargs: object) -> Nothing:
        return self

    def __getitem__(self, key: object) -> Nothing:
        return self

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "<stand-in for an env.py argument>"


def tables() -> Any:
    """An object whose attributes are :func:`table` s, made on first use."""
    return _Tables()


def table(name: str) -> Any:
    """A table whose columns are made as the revision names them (``c.x``, ``c["x"]``,
    ``values(x=...)``, ``bulk_insert`` rows), with a type that renders any literal."""
    return _auto_table()(name)


@functools.lru_cache(maxsize=1)
def _auto_table() -> type:
    import sqlalchemy as sa

    class AnyLiteral(sa.types.UserDefinedType):
        cache_ok = True

        def get_col_spec(self, **kw: object) -> str:
            return "TEXT"

        def literal_processor(self, dialect: object) -> Any:
            return _literal

    class Insert(sa.sql.Insert):
        inherit_cache = True

        def values(self, *args: Any, **kwargs: Any) -> Any:
            _touch(self.table, args, kwargs)
            return super().values(*args, **kwargs)

    class Update(sa.sql.Update):
        inherit_cache = True

        def values(self, *args: Any, **kwargs: Any) -> Any:
            _touch(self.table, args, kwargs)
            return super().values(*args, **kwargs)

    class AutoTable(sa.sql.expression.TableClause):
        inherit_cache = False

        @property
        def c(self) -> Any:
            return _Columns(self, AnyLiteral())

        columns = c

        def insert(self) -> Any:
            return Insert(self)

        def update(self) -> Any:
            return Update(self)

    return AutoTable


class _Columns:
    """The ``c`` of an auto table: a column is made (of ``literal_type``) when first named."""

    def __init__(self, owner: Any, literal_type: Any) -> None:
        self._owner = owner
        self._type = literal_type

    def __getitem__(self, key: str) -> Any:
        columns = self._owner._columns
        if isinstance(key, str) and key not in columns:
            import sqlalchemy as sa

            self._owner.append_column(sa.column(key, self._type))
        return self._owner._columns[key]

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __contains__(self, key: object) -> bool:  # SQLAlchemy's labels loop on this
        return key in self._owner._columns

    def __iter__(self) -> Iterator[Any]:
        return iter(self._owner._columns)

    def __len__(self) -> int:
        return len(self._owner._columns)


def _touch(owner: Any, args: tuple, kwargs: dict) -> None:
    for mapping in (*[a for a in args if isinstance(a, dict)], kwargs):
        for key in mapping:
            if isinstance(key, str):
                owner.c[key]


def _literal(value: object) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


class _Tables:
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        made = table(name)
        setattr(self, name, made)
        return made


def for_parameter(name: str) -> Any:
    """The stand-in for one required parameter of ``upgrade()``, by its name."""
    if name == "op":
        from alembic import op

        return op
    if name in TABLE_PARAMETERS:
        return tables()
    return Nothing()


def given_op(function: object) -> dict[str, Any]:
    """``{"op": alembic.op}`` when ``function`` takes an ``op`` parameter that has a default
    (CTFd's plugins: ``def upgrade(op=None)``, which its plugin loader calls with
    ``upgrade(op=op)``); else nothing (a required ``op`` is :func:`for_parameter`'s)."""
    import inspect

    try:
        parameter = inspect.signature(function).parameters.get("op")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return {}
    if parameter is None or parameter.default is parameter.empty \
            or parameter.kind is parameter.POSITIONAL_ONLY:
        return {}
    from alembic import op

    return {"op": op}
