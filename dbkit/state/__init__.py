"""What dbkit keeps in a database it manages: the dev/prod marker, the progress of a
migration that was interrupted, and the lock that lets one migrator run at a time.

It sits below every package that reads or writes that state (pg, backup, drift,
review, migrate, exercise), so none of them has to import another for it.
"""

from __future__ import annotations

from typing import Any

from dbkit.state import marker, progress


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's filter (autogenerate, ``alembic check``, drift): dbkit's own tables, the
    environment marker and the record of a run in progress, are not the models'."""
    return marker.include_name(name, type_, parent_names) and \
        progress.include_name(name, type_, parent_names)
