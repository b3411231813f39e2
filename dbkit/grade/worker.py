"""In the sandbox process: a learner's revisions (as ``review --run``) and seeding scripts.

Revision jobs go to :mod:`dbkit.jobs.run`, with the learner's modules importable
(a revision may ``from models import Base``) and connections sent to the run's database. A
seeding job runs one script as
``python create_c26_recruits.py`` would (``__name__ == "__main__"``, no arguments, nothing on
stdin) with the learner's other Python files importable (``from models import Recruit``), and
every connection it opens going to the run's database, whatever URL it names:
``sqlalchemy.create_engine``, ``engine_from_config`` and ``psycopg2.connect`` are replaced for
the time of the script. A module it imports that is not installed here (``flask_script``,
``flask_migrate``: tooling of 2020 that no longer installs) is stood in for by a stub that
accepts every call, and named in the answer, so the grader can tell "added nothing" from
"could not run as written".
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import io
import runpy
import sys
import traceback
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dbkit.jobs import run as revisions

PRELOAD = (*revisions.PRELOAD, "runpy", "importlib.abc", "importlib.machinery", "traceback",
           "dotenv", "sqlalchemy.engine", "sqlalchemy.ext.declarative", "sqlalchemy.orm.session")
KEPT_MODULES = ("sqlalchemy", "psycopg2", "encodings", "alembic", "dotenv", "dbkit")

_module_folders: list[str] = []


def handle(job: dict) -> dict:  # pragma: no cover  (sandbox process, as the unprivileged user)
    kind = job.get("kind")
    _find_module_folders(job)
    if kind == "module":
        folder = str(Path(job["file"]).parent)
        if folder not in _module_folders:
            _module_folders.append(folder)
        return {"done": True}
    if kind == "seed":
        return run_script(job["file"], job["url"], job.get("name") or Path(job["file"]).name)
    return run_revision(job)
class _Anything:
    """Stands in for a module that is not installed: every name, call and base class works."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> _Anything:
        return _Anything()

    def __getattr__(self, name: str) -> _Anything:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Anything()

    def __getitem__(self, key: Any) -> _Anything:
        return _Anything()

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __bool__(self) -> bool:
        return False

    def __mro_entries__(self, _bases: tuple[Any, ...]) -> tuple[type, ...]:
        return (_AnythingBase,)


class _AnythingBase:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __getattr__(self, name: str) -> _Anything:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return _Anything()


class _Stubs(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self) -> None:
        self.names: list[str] = []

    def find_spec(self, fullname: str, path: Any = None,
                  target: Any = None) -> importlib.machinery.ModuleSpec:
        return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType:
        module = types.ModuleType(spec.name)
        module.__path__ = []
        module.__getattr__ = lambda name: _Anything()  # type: ignore[method-assign]
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        top = module.__name__.split(".")[0]
        if top not in self.names:
            self.names.append(top)


@contextlib.contextmanager
def redirected(url: str, connections: list[str]) -> Iterator[None]:
    """Every connection opened meanwhile goes to ``url``, whatever it names (said in
    ``connections``, without passwords); the learner's modules are importable, after ours."""
    import psycopg2
    import sqlalchemy
    import sqlalchemy.engine

    target = sqlalchemy.engine.make_url(url)
    real_create, real_from_config, real_connect = (
        sqlalchemy.create_engine, sqlalchemy.engine_from_config, psycopg2.connect)

    def create_engine(given: Any = None, *args: Any, **kwargs: Any) -> Any:
        connections.append(_shown(given))
        kwargs.pop("connect_args", None)
        return real_create(target, **kwargs)

    def engine_from_config(configuration: Any = None, prefix: str = "sqlalchemy.",
                           **kwargs: Any) -> Any:
        connections.append(_shown((configuration or {}).get(prefix + "url")))
        return real_create(target)

    def connect(*args: Any, **kwargs: Any) -> Any:
        connections.append(_shown(args[0] if args else kwargs.get("database") or kwargs.get("dbname")))
        return real_connect(host=target.host or target.query.get("host"),
                            port=target.port or target.query.get("port"),
                            user=target.username, password=target.password,
                            dbname=target.database)

    saved = sys.path[:]
    sys.path += [f for f in _module_folders if f not in sys.path]
    sqlalchemy.create_engine = sqlalchemy.engine.create_engine = create_engine  # type: ignore[assignment]
    sqlalchemy.engine_from_config = sqlalchemy.engine.engine_from_config = engine_from_config
    psycopg2.connect = connect
    try:
        yield
    finally:
        sqlalchemy.create_engine = sqlalchemy.engine.create_engine = real_create
        sqlalchemy.engine_from_config = sqlalchemy.engine.engine_from_config = real_from_config
        psycopg2.connect = real_connect
        sys.path[:] = saved


def _find_module_folders(job: dict) -> None:
    """Every file given to the session sits in a folder of its own next to the job's file
    (``inputs/NNNN/name``): each job runs in a process of its own, so they are found again
    from the job's file, not remembered from an earlier job."""
    if "file" not in job:
        return
    inputs = Path(job["file"]).parent.parent
    try:
        folders = sorted(str(p) for p in inputs.iterdir() if p.is_dir())
    except OSError:
        return
    _module_folders[:] = folders


def run_revision(job: dict) -> dict:
    """A revision as ``review --run`` applies it, able to import the learner's models."""
    with redirected(job["url"], []):
        return revisions.handle(job)


def _forget_learner_modules() -> None:
    """A script imports the learner's modules afresh (a revision may have imported them,
    with an engine bound to another database)."""
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and str(Path(file).parent) in _module_folders:
            sys.modules.pop(name, None)


def run_script(path: str, url: str, name: str) -> dict:
    _forget_learner_modules()
    connections: list[str] = []
    stubs = _Stubs()
    before = set(sys.modules)
    saved = (sys.argv[:], sys.stdin)
    sys.path.insert(0, str(Path(path).parent))
    sys.argv = [name]
    sys.stdin = io.StringIO("")
    sys.meta_path.append(stubs)
    error, line, refused = None, None, False
    try:
        with redirected(url, connections):
            runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            error = f"exited with {exc.code!r}"
    except BaseException as exc:
        error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        refused = _from_database(exc)
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename == path:
                line = frame.lineno
    finally:
        sys.meta_path.remove(stubs)
        sys.path.remove(str(Path(path).parent))
        sys.argv, sys.stdin = saved
        for module in set(sys.modules) - before:
            if not module.startswith(KEPT_MODULES):
                sys.modules.pop(module, None)
    return {"error": error, "line": line, "stubbed": stubs.names, "connected": connections,
            "refused": refused}


def _from_database(exc: BaseException) -> bool:
    """The database refused what the script sent (its own SQL, whatever was stood in for)."""
    import psycopg2
    import sqlalchemy.exc

    return isinstance(exc, (psycopg2.Error, sqlalchemy.exc.DBAPIError))


def _shown(given: object) -> str:
    text = str(given) if given is not None else ""
    if "@" in text:  # never a password
        text = text.split("://", 1)[0] + "://…@" + text.rsplit("@", 1)[1]
    return text[:120]
