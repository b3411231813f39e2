"""``python -m dbkit shell [-c CODE]``: a Python shell on ENV's database, with the models ready.

The models are those of the moment ``python -m dbkit step`` laid out in
``exercise/work`` (the repository's ``models.py`` when there is none). The
namespace holds every model class, ``session`` (a SQLAlchemy Session on
``ENV``'s database, after its environment marker was checked) and ``select``.
``-c CODE`` runs one statement, as the interactive shell would (an
expression's value is printed); a query the database cannot answer because it
and the models disagree is one line, not a traceback.
"""

from __future__ import annotations

import argparse
import code
import importlib.util
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from dbkit import database, errors
from dbkit.database import PROJECT_ROOT
from dbkit.errors import DbkitError, DriftFound
from dbkit.exercise import workspace

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def models_file() -> Path:
    at_step = workspace.work_dir() / "models.py"
    return at_step if at_step.is_file() else PROJECT_ROOT / "models.py"


def load_models(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("models", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["models"] = module
    spec.loader.exec_module(module)
    return module


def namespace(models: ModuleType, session: Session) -> dict[str, object]:
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
    if "does not exist" in why:
        return DriftFound(
            f"the query failed: {why}: the models ({workspace.shown(path)}) name "
            f"something the database does not have (changed by hand, or a migration not run "
            f"yet); `python -m dbkit drift` says which side moved")
    return DbkitError(f"the query failed: {why}")


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session

    from dbkit.state import marker

    parser = argparse.ArgumentParser(
        prog="python -m dbkit shell",
        description="A Python shell on ENV's database with the models, `session` and `select`.")
    parser.add_argument("-c", dest="code", metavar="CODE",
                        help="run one statement and exit (an expression's value is printed)")
    args = parser.parse_args(argv)

    path = models_file()
    models = load_models(path)
    with database.connected() as (target, connection):
        marker.require_environment(connection, target)  # ENV must name the database reached
        with Session(bind=connection) as session:
            names = namespace(models, session)
            if args.code is None:
                code.interact(banner=f"Models from {workspace.shown(path)}: "
                                     f"{', '.join(n for n in names if n[0].isupper())}; "
                                     f"`session` is on the {target.describe()}, with `select`.",
                              local=names, exitmsg="")
                return 0
            try:
                compiled = compile(args.code, "<-c>", "single")
            except SyntaxError as exc:
                raise DbkitError(f"-c is not one Python statement: {exc.msg}") from None
            try:
                exec(compiled, names)
            except DBAPIError as exc:
                raise explain(exc, path) from None
            session.commit()
    return 0
