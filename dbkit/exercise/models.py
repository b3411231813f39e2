"""The models of the moment ``python -m dbkit step`` laid out, loaded for ``python -m dbkit shell``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from dbkit import errors
from dbkit.database import PROJECT_ROOT
from dbkit.errors import DbkitError, DriftFound
from dbkit.exercise import workspace

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# What PostgreSQL says (SQLSTATE) when a query names something the database lacks:
# undefined_column, undefined_table, undefined_object.
UNDEFINED = frozenset({"42703", "42P01", "42704"})


def models_file() -> Path:
    """``exercise/work/models.py`` when a step laid one out, else the repository's."""
    at_step = workspace.work_dir() / "models.py"
    return at_step if at_step.is_file() else PROJECT_ROOT / "models.py"


def load_models(path: Path) -> ModuleType:
    """Import ``path`` as the module ``models`` (what its revisions and scripts import)."""
    spec = importlib.util.spec_from_file_location("models", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["models"] = module
    spec.loader.exec_module(module)
    return module


def namespace(models: ModuleType, session: Session) -> dict[str, object]:
    """The shell's names: every model class, ``session``, ``select`` and ``sa``."""
    import sqlalchemy as sa
    from sqlalchemy.orm import DeclarativeBase

    names: dict[str, object] = {"session": session, "select": sa.select, "sa": sa}
    names.update({name: value for name, value in vars(models).items()
                  if isinstance(value, type) and issubclass(value, DeclarativeBase)
                  and value.__module__ == models.__name__})
    return names


def explain(exc: BaseException, path: Path) -> DbkitError:
    """One line for a query the database refused, naming the models that asked for it."""
    why = errors.reason(exc)
    if getattr(getattr(exc, "orig", None), "pgcode", None) in UNDEFINED:
        return DriftFound(
            f"the query failed: {why}: the models ({workspace.shown(path)}) name "
            f"something the database does not have (changed by hand, or a migration not run "
            f"yet); `python -m dbkit drift` says which side moved")
    return DbkitError(f"the query failed: {why}")
