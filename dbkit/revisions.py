"""The migration chain in use, and where a database stands on it.

The chain is the one :mod:`dbkit.project` finds (``-c``, ``ALEMBIC_CONFIG``, the working
folder's ``alembic.ini``, else this repository's), or the one a command chose with
:func:`use`: ``dbkit drift -c FILE``, and inside ``env.py`` Alembic's own
``context.config`` (``dbkit.migrate.run`` hands it over). Every revision id, title and
head a message names comes from here, so no message names a revision the chain in use
does not have; :func:`alembic_command` spells the command that reaches that chain.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dbkit import project
from dbkit.database import PROJECT_ROOT
from dbkit.errors import ConfigError, DbkitError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import Script, ScriptDirectory
    from sqlalchemy import MetaData
    from sqlalchemy.engine import Connection

_chosen: project.Project | None = None
_scripts: dict[tuple, ScriptDirectory] = {}
_metadata: dict[tuple, Any] = {}


def use(chosen: project.Project | None, metadata: MetaData | None = None) -> None:
    """Make ``chosen`` the chain in use in this process (None: back to :func:`project.in_use`);
    ``metadata`` is its models' MetaData when the caller already has it (``env.py``)."""
    global _chosen
    _chosen = chosen
    if chosen is not None and metadata is not None:
        _metadata[_key(chosen)] = metadata


def chain() -> project.Project:
    """The chain in use (see the module's docstring)."""
    return _chosen if _chosen is not None else project.in_use()


def _key(chosen: project.Project) -> tuple:
    return (chosen.script_location, chosen.version_locations)


def alembic_config() -> Config:
    return chain().config()


def script_directory() -> ScriptDirectory:
    """The chain's revisions (read once per chain and process)."""
    from alembic.script import ScriptDirectory

    chosen = chain()
    key = _key(chosen)
    if key not in _scripts:
        _scripts[key] = ScriptDirectory.from_config(chosen.config())
    return _scripts[key]


def forget() -> None:
    """Read the chains again (a revision file was added or removed since)."""
    _scripts.clear()


def put_models_on_path(chosen: project.Project | None = None) -> None:
    """The chain's ``prepend_sys_path`` (its models' folder) first on ``sys.path``, as Alembic
    puts it for ``env.py``."""
    chosen = chosen or chain()
    paths = [str(chosen.root)]
    prepend = chosen.config().get_prepend_sys_paths_list() or []
    for path in [*paths, *prepend][::-1]:
        if path in sys.path:
            sys.path.remove(path)
        sys.path.insert(0, path)


class _Stop(Exception):
    """Raised in the chain's env.py once its target_metadata is defined."""


def target_metadata() -> MetaData | None:
    """The chain's own models: the ``target_metadata`` its ``env.py`` defines.

    ``env.py`` runs as Alembic runs it, up to its first question to Alembic (``is_offline_mode``
    or ``configure``): by then every env.py has defined ``target_metadata``, and nothing has
    connected anywhere.
    """
    from alembic.runtime.environment import EnvironmentContext

    chosen = chain()
    key = _key(chosen)
    if key in _metadata:
        return _metadata[key]
    if chosen.env_py is None:
        raise ConfigError(f"{chosen.script_location} has no env.py: it is not an Alembic chain")

    def stop(*args: Any, **kwargs: Any) -> Any:
        raise _Stop

    env_py = chosen.env_py.resolve()
    put_models_on_path(chosen)
    found: Any = None
    try:
        environment = EnvironmentContext(chosen.config(bare=True), script_directory())
        # Alembic's module-level proxy calls the instance's methods: stop at the first one.
        setattr(environment, "is_offline_mode", stop)  # noqa: B010
        setattr(environment, "configure", stop)  # noqa: B010
        with environment:
            script_directory().run_env()
    except _Stop as stopped:
        tb = stopped.__traceback__
        while tb is not None:
            if Path(tb.tb_frame.f_code.co_filename).resolve() == env_py:
                found = tb.tb_frame.f_globals.get("target_metadata")
            tb = tb.tb_next
    except SystemExit as exc:  # env.py's own one-line failure (fail_alembic)
        raise DbkitError(f"could not read the models of {chosen.name()}: its env.py "
                         f"stopped (exit {exc.code})") from None
    except Exception as exc:
        raise DbkitError(f"could not read the models of {chosen.name()} from its env.py: "
                         f"{type(exc).__name__}: {exc}") from None
    if isinstance(found, (list, tuple)):  # Alembic accepts a sequence of MetaData
        found = found[0] if len(found) == 1 else found
    _metadata[key] = found
    return found


def head() -> str:
    heads = script_directory().get_heads()
    if len(heads) != 1:
        raise DbkitError(f"the migration chain has {len(heads)} heads ({', '.join(heads)}): "
                         f"merge them with `{alembic_command(None, 'merge heads')}`")
    return heads[0]


def find(revision: str) -> Script | None:
    """The chain's revision ``revision`` (a prefix will do when it is unambiguous), or None."""
    from alembic.util import CommandError

    try:
        return script_directory().get_revision(revision)
    except CommandError:  # unknown, or ambiguous
        return None


def has(revision: str) -> bool:
    """Does the chain in use have this revision?"""
    return find(revision) is not None


def describe(revision: str | None) -> str:
    """'0005 (Add cohort, ...)', or what an unknown or missing revision means."""
    if revision is None:
        return "no revision (never migrated)"
    script = find(revision)
    if script is None:
        return f"{revision} (a revision the chain in use, {chain().name()}, does not have)"
    return f"{revision} ({script.doc.splitlines()[0] if script.doc else 'no message'})"


def alembic_command(env: str | None, args: str) -> str:
    """The ``alembic`` command line that reaches the chain in use and the databases in use.

    ``-c`` when the chain is not the working folder's ``alembic.ini`` (or this repository's,
    from its root); ``DBKIT_ENV_DIR`` when the env files in use sit next to the chain's ini
    (``exercise/work``), so the command never reaches another prod.
    """
    prefix, config = _command_parts(env)
    return f"{prefix}alembic{config} {args}"


def drift_command(env: str | None) -> str:
    """``python -m dbkit drift`` on the chain in use (``-c`` when :func:`alembic_command` has it)."""
    prefix, config = _command_parts(env)
    return f"{prefix}python -m dbkit drift{config}"


def _command_parts(env: str | None) -> tuple[str, str]:
    chosen = chain()
    prefix = []
    env_dir = os.environ.get("DBKIT_ENV_DIR")
    if env_dir and chosen.ini is not None and \
            Path(env_dir).resolve() == chosen.ini.parent.resolve() != PROJECT_ROOT.resolve():
        prefix.append(f"DBKIT_ENV_DIR={_shown(chosen.ini.parent)}")
    if env:
        prefix.append(f"ENV={env}")
    default = Path.cwd() / project.INI_NAME
    if not default.is_file():
        default = project.REPOSITORY_ROOT / project.INI_NAME
    config = ""
    if chosen.ini is None or chosen.ini.resolve() != default.resolve():
        config = f" -c {_shown(chosen.ini) if chosen.ini else '<your alembic.ini>'}"
    return "".join(p + " " for p in prefix), config


def versions_shown() -> str:
    """The chain's (first) versions folder, as a command typed in the working folder names it."""
    return _shown(chain().versions[0])


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def current(connection: Connection) -> str | None:
    """The revision stamped in the database (None when never migrated)."""
    from alembic.runtime.migration import MigrationContext

    heads = MigrationContext.configure(connection).get_current_heads()
    if len(heads) > 1:
        raise DbkitError(f"the database is stamped with several revisions: {', '.join(heads)}")
    return heads[0] if heads else None
