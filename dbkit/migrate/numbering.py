"""Revision ids that never collide: 0001, 0002, ... whoever writes the revision.

``alembic revision -m`` and ``alembic revision --autogenerate`` both run ``env.py``
(``revision_environment = true`` in ``alembic.ini``), whose ``process_revision_directives``
asks :func:`next_id` for the id: one more than the highest numeric id in the chain,
whatever the head's id looks like (a hash from a revision written before the setting,
say). :func:`require_free` refuses an id (given with ``--rev-id`` or not) that a revision
or a file of the chain already has, before any file is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.errors import ConfigError

if TYPE_CHECKING:
    from alembic.operations.ops import MigrationScript
    from alembic.script import ScriptDirectory

WIDTH = 4


def ids_in(script: ScriptDirectory) -> list[str]:
    """Every revision id of the chain (its files, read by Alembic)."""
    try:
        return [r.revision for r in script.walk_revisions()]
    except Exception as exc:  # a chain already broken: say so rather than add to it
        raise ConfigError(f"the migration chain in {script.dir} cannot be read ({exc}); fix it "
                          "before adding a revision") from None


def next_id(existing: Iterable[str]) -> str:
    """One more than the highest numeric id (``0001`` for the first)."""
    numbers = [int(i) for i in existing if i.isdigit()]
    return f"{max(numbers, default=0) + 1:0{WIDTH}d}"


def require_free(new_id: str, script: ScriptDirectory, existing: Iterable[str]) -> None:
    """Refuse, writing nothing, an id the chain already has (a revision or a file name)."""
    if new_id in set(existing):
        raise ConfigError(f"revision id {new_id} is already in the chain: no file was written; "
                          "leave --rev-id out to get the next number")
    for folder in _version_folders(script):
        clash = sorted(folder.glob(f"{new_id}_*.py"))
        if clash:
            raise ConfigError(f"{clash[0]} already starts with {new_id}: no file was written; "
                              "rename or remove that file, or pass another --rev-id")


def _version_folders(script: ScriptDirectory) -> list[Path]:
    return [Path(p) for p in script._version_locations]  # noqa: SLF001  (Alembic's own list)


def number(directive: MigrationScript, script: ScriptDirectory, given: str | None) -> None:
    """Give ``directive`` (an Alembic MigrationScript) its id: ``given`` (``--rev-id``), else
    the next number; refuse a clash."""
    existing = ids_in(script)
    new_id = given or next_id(existing)
    require_free(new_id, script, existing)
    directive.rev_id = new_id
