"""The migration chain as the repository knows it, and where a database stands on it."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from dbkit.database import PROJECT_ROOT
from dbkit.errors import DbkitError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import Script, ScriptDirectory
    from sqlalchemy.engine import Connection


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head() -> str:
    heads = script_directory().get_heads()
    if len(heads) != 1:
        raise DbkitError(f"the migration chain has {len(heads)} heads ({', '.join(heads)}): "
                         "merge them with `alembic merge heads`")
    return heads[0]


def find(revision: str) -> Script | None:
    """The chain's revision ``revision`` (a prefix will do when it is unambiguous), or None."""
    from alembic.util import CommandError

    try:
        return script_directory().get_revision(revision)
    except CommandError:  # unknown, or ambiguous
        return None


def describe(revision: str | None) -> str:
    """'0005 (Add cohort, ...)', or what an unknown or missing revision means."""
    if revision is None:
        return "no revision (never migrated)"
    script = find(revision)
    if script is None:
        return f"{revision} (a revision this repository does not have)"
    return f"{revision} ({script.doc.splitlines()[0] if script.doc else 'no message'})"


def current(connection: Connection) -> str | None:
    """The revision stamped in the database (None when never migrated)."""
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(connection).get_current_heads()
    if len(heads) > 1:
        raise DbkitError(f"the database is stamped with several revisions: {', '.join(heads)}")
    return heads[0] if heads else None
