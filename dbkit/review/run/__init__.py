"""Run a learner's chain on a throwaway PostgreSQL with data, and follow every value.

``run_chain(target, server)`` applies the revisions at ``target`` one by one to a fresh
database of ``server``. Before each revision it inserts generated rows that satisfy the
schema of that moment (``data.Generator``); after it, it reads every value back and says for
each column that held values whether they **survived**, **moved** (the same values, on the
same rows, now in another column or table), were **derived** (another column written from
them) or were **lost** (``accounting``). An upgrade that fails with rows but passes on empty
tables is reported as failing on a populated table (NOT NULL without backfill, a unique
constraint over duplicates). Then each downgrade runs from the head back (as ``alembic
downgrade base`` would) and the values of the rows that existed before its upgrade are
compared with the ones it gives back.

The revisions run in the sandbox (``dbkit.sandbox``): a separate process as an
unprivileged user, with time limits, without the repository's env.py or models. They
connect as a database role made for the run that owns its database and nothing else (not
a superuser: no ``COPY ... TO PROGRAM``, no reading the server's files). We read and write
the generated rows as the server's administrator, from this process.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from dbkit import sandbox
from dbkit.errors import DbkitError
from dbkit.masking import register_secret
from dbkit.pg.server import Server
from dbkit.review.run import accounting
from dbkit.review.run.accounting import Verdict
from dbkit.review.run.chain import read_chain
from dbkit.review.run.data import Generator, Snapshot, snapshot

ROWS_PER_REVISION = 12
REVISION_TIMEOUT_S = 20.0
RUN_TIMEOUT_S = 300.0
STATEMENT_TIMEOUT = "15s"

# StepRun.upgrade
OK, FAILS_POPULATED, FAILED, NOT_RUN = "ok", "fails-on-populated-table", "failed", "not-run"
# StepRun.downgrade
RESTORES, LOSES = "gives-values-back", "loses-values"


@dataclass
class StepRun:
    revision: str
    file: str
    upgrade: str = NOT_RUN
    error: str | None = None  # why the upgrade failed or was not run
    rows_before: dict[str, int] = field(default_factory=dict)
    values: list[Verdict] = field(default_factory=list)
    downgrade: str = NOT_RUN
    downgrade_error: str | None = None
    downgrade_values: list[Verdict] = field(default_factory=list)

    @property
    def lost(self) -> list[Verdict]:
        return [v for v in self.values if v.kind == accounting.LOST]

    @property
    def not_given_back(self) -> list[Verdict]:
        return [v for v in self.downgrade_values if v.kind != accounting.SURVIVED]

    def as_json(self) -> dict:
        return {"revision": self.revision, "file": self.file, "upgrade": self.upgrade,
                "error": self.error, "rows_before": self.rows_before,
                "values": [v.as_json() for v in self.values],
                "downgrade": self.downgrade, "downgrade_error": self.downgrade_error,
                "downgrade_values": [v.as_json() for v in self.downgrade_values]}


@dataclass
class ChainRun:
    target: str
    steps: list[StepRun]
    runs_as: str
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    def step_for(self, file: str) -> StepRun | None:
        name = Path(file).name
        matches = [s for s in self.steps if Path(s.file).name == name]
        exact = [s for s in matches if Path(s.file).resolve() == Path(file).resolve()]
        return (exact or matches)[0] if matches else None

    def as_json(self) -> dict:
        return {"target": self.target, "runs_as": self.runs_as, "seconds": round(self.seconds, 2),
                "notes": self.notes, "revisions": [s.as_json() for s in self.steps]}


@dataclass(frozen=True)
class PythonEnv:
    """The project's own interpreter (``--python PATH``), checked: what the revisions run with."""

    path: Path
    version: tuple[int, ...]
    driver: str  # psycopg2 or psycopg: the PostgreSQL driver installed in it


MIN_PYTHON = (3, 11)  # the reviewer's own (pyproject's requires-python): its worker runs there
_NEEDED = ("sqlalchemy", "alembic")
_DRIVERS = ("psycopg2", "psycopg")


def check_python(python: str | Path, *, driver: bool = True) -> PythonEnv:
    """``python`` checked before anything runs: it exists, is executable, is a Python recent
    enough for the worker, and has SQLAlchemy, Alembic and (``driver``: to run the chain, not
    only render it) a PostgreSQL driver. Asked in the sandbox, never in our process. Raises
    DbkitError (one line) otherwise."""
    try:
        version, found = sandbox.describe_python(python, (*_NEEDED, *_DRIVERS))
    except DbkitError as exc:
        raise DbkitError(f"--python {exc}") from None
    shown = ".".join(map(str, version))
    if version[:2] < MIN_PYTHON:
        raise DbkitError(f"--python {python} is Python {shown}: too old to run the reviewer's "
                         f"worker (it needs {'.'.join(map(str, MIN_PYTHON))} or newer)")
    missing = [name for name in _NEEDED if not found[name]]
    if missing:
        raise DbkitError(f"--python {python} (Python {shown}) cannot import "
                         f"{' or '.join(missing)}: give the interpreter of the environment the "
                         "project's migrations run in")
    installed = next((name for name in _DRIVERS if found[name]), None)
    if installed is None and driver:
        raise DbkitError(f"--python {python} (Python {shown}) has no PostgreSQL driver "
                         "(psycopg2 or psycopg): install one in it, e.g. "
                         "`pip install psycopg2-binary`")
    return PythonEnv(Path(python).absolute(), version, installed or "psycopg2")


def prepend_paths(target: Path) -> list[Path]:
    """The folders the chain's alembic.ini puts first on ``sys.path`` (``prepend_sys_path``,
    relative to the ini's folder), as Alembic does: where ``from myapp.models import ...``
    finds an application that is not installed. None when there is no ini to read."""
    from dbkit import project

    try:
        projects = project.find(Path(target))
    except DbkitError:
        return []
    folders: list[Path] = []
    for chain in projects:
        value = chain.options.get("prepend_sys_path", "")
        for item in project.split_locations(value, chain.options) if value.strip() else []:
            folder = (chain.root / item).resolve()
            if folder.is_dir() and folder not in folders:
                folders.append(folder)
    return folders


class Watch(Protocol):
    """What a caller of :func:`run_chain` may watch (the grader): each revision, and the head.

    ``step`` gets every table's values before the revision and after it (None when it could
    not be applied; after an upgrade that only passed on emptied tables, the emptied ones).
    ``head`` gets the run's database (``url(name, admin=)``, ``create(name, template)``,
    ``drop(name)``, ``end_sessions()``) and sandbox session once every upgrade is applied,
    before any downgrade; what it leaves in the run's own database, the downgrades meet.
    """

    def step(self, run: StepRun, before: Snapshot, after: Snapshot | None) -> None: ...

    def head(self, database: _Database, session: sandbox.Session) -> None: ...


class _Database:
    """The database and role of one run, and one administrative connection to the server."""

    def __init__(self, server: Server) -> None:
        import psycopg2

        suffix = secrets.token_hex(5)
        self.server = server
        self.name, self.role = f"dbkit_run_{suffix}", f"dbkit_learner_{suffix}"
        self.password = secrets.token_hex(16)
        self.driver = "psycopg2"  # the one the revisions connect with (the project's, --python)
        self.sys_path: list[Path] = []  # the project's prepend_sys_path (--python)
        register_secret(self.password)  # masked in whatever the revisions' errors say
        register_secret(server.password)
        self.conn = psycopg2.connect(host="127.0.0.1", port=server.port, user=server.user,
                                     password=server.password, dbname="postgres",
                                     connect_timeout=5)
        self.conn.autocommit = True
        self.execute(
            f"CREATE ROLE \"{self.role}\" LOGIN PASSWORD '{self.password}' NOSUPERUSER "
            "NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 8",
            f"ALTER ROLE \"{self.role}\" SET statement_timeout = '{STATEMENT_TIMEOUT}'")
        self.create(self.name, "template0")
        self.execute(f'REVOKE ALL ON DATABASE "{self.name}" FROM PUBLIC',
                     f'GRANT CONNECT, TEMPORARY ON DATABASE "{self.name}" TO "{self.role}"')

    def url(self, name: str | None = None, *, admin: bool = False,
            socket: str | None = None, driver: str = "psycopg2") -> str:
        """``socket``: the folder of the server's Unix socket as the sandbox sees it;
        ``driver``: the one the code connecting has (the project's own with ``--python``)."""
        if admin:
            return self.server.url_for(name or self.name)
        if socket is not None:
            return (f"postgresql+{driver}://{self.role}:{self.password}@/{name or self.name}"
                    f"?host={socket}&port={self.server.port}")
        return (f"postgresql+{driver}://{self.role}:{self.password}@127.0.0.1:"
                f"{self.server.port}/{name or self.name}")

    def job(self, session: sandbox.Session, **fields: object) -> dict:
        """A job for :mod:`dbkit.jobs.run`: ``fields``, and how the sandbox reaches this
        database (with the project's driver) and the project's ``prepend_sys_path``."""
        return {**fields, "url": self.url(socket=session.database_host, driver=self.driver),
                "sys_path": [str(p) for p in self.sys_path]}

    def execute(self, *statements: str) -> None:
        with self.conn.cursor() as cur:
            for statement in statements:
                cur.execute(statement)

    def create(self, name: str, template: str) -> None:
        # FILE_COPY: a small database is copied in a fraction of WAL_LOG's time
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" OWNER "{self.role}" '
                     "STRATEGY FILE_COPY")

    def drop(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def end_sessions(self) -> None:
        """A timed-out revision's statement may still run on the server: end its sessions."""
        self.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     f"WHERE usename = '{self.role}'")

    def close(self) -> None:
        try:
            self.end_sessions()
            self.drop(self.name)
            self.execute(f'DROP ROLE IF EXISTS "{self.role}"')
        finally:
            self.conn.close()


def run_chain(target: Path, server: Server, *, rows: int = ROWS_PER_REVISION,
              timeout_s: float = REVISION_TIMEOUT_S, total_timeout_s: float = RUN_TIMEOUT_S,
              seed: int = 0, downgrades: bool = True,
              session: sandbox.Session | None = None, schema: Path | str | None = None,
              watch: Watch | None = None, python: PythonEnv | None = None) -> ChainRun:
    """Apply the chain at ``target`` with data on ``server``; what happened to every value.

    The revisions run in a sandbox process of their own, or in ``session`` when given (one
    process for many trusted chains, as the tests do: a class gives each learner their own).
    ``schema``: the tables a chain does not create, made first: a schema-only SQL file (the
    models' ``create_all`` as SQL, or ``pg_dump --schema-only`` of a database before the chain),
    or a ``module:attribute`` string naming the models' MetaData (``app.models:db.metadata``),
    whose ``create_all`` runs in the sandbox (with ``python``: the project's interpreter).
    ``watch`` sees each revision's rows before and after it, and the head before the
    downgrades run (the grader reads the head schema and runs seeding scripts there).
    ``python``: the project's own interpreter (:func:`check_python`), its environment mounted
    read-only in the sandbox, so that revisions importing the application can run; the
    folders of the ini's ``prepend_sys_path`` (:func:`prepend_paths`) are mounted read-only
    too and put first on ``sys.path``, as Alembic does.
    Raises DbkitError when there is no chain to read at ``target``, or no such schema file.
    """
    models = schema if is_models_target(schema) else None
    if schema is not None and models is None and not Path(schema).is_file():
        raise DbkitError(f"no schema file at {schema}")
    started = time.monotonic()
    steps = read_chain(Path(target))
    runs = [StepRun(s.revision, str(s.path)) for s in steps]
    result = ChainRun(str(target), runs, sandbox.runs_as())
    folders = prepend_paths(target) if python is not None else []
    database = _Database(server)
    if python is not None:
        database.driver, database.sys_path = python.driver, folders
    admin = sa.create_engine(database.url(admin=True), poolclass=NullPool)
    generator = Generator(seed)
    applied: list[tuple[int, StepRun, Snapshot]] = []
    try:
        if schema is not None and models is None:
            _load_schema(database, Path(schema))
        with contextlib.ExitStack() as stack:
            if session is None:
                session = stack.enter_context(sandbox.Session(
                    "dbkit.jobs.run", total_timeout_s=total_timeout_s,
                    network=server.socket_dir, python=python.path if python else None,
                    mounts_ro=database.sys_path))
            if models is not None:
                _create_all(session, database, str(models), timeout_s)
            files = session.add_files([s.path for s in steps])
            for position, (index, step, run) in enumerate(zip(files, steps, runs, strict=True)):
                ok, before, after = _apply(session, database, admin, generator, index, run,
                                           rows, timeout_s)
                if watch is not None:
                    watch.step(run, before, after)
                if not ok:
                    outside = outside_the_chain(run.error or "", steps[:position + 1])
                    if outside:  # the chain is not at fault: nothing after it can run either
                        run.upgrade, run.error = NOT_RUN, f"not run, because {outside}"
                    for later in runs[position + 1:]:
                        later.error = (f"not run, because {Path(step.path).name} was not run"
                                       if outside else
                                       f"not run: {Path(step.path).name} could not be applied")
                    break
                applied.append((index, run, before))
            else:
                if watch is not None:
                    watch.head(database, session)
            if downgrades:
                _walk_back(session, database, admin, applied, timeout_s)
    finally:
        admin.dispose()
        database.close()
    result.notes = generator.notes
    result.seconds = time.monotonic() - started
    return result


_MODELS_TARGET = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*$")


def is_models_target(schema: object) -> bool:
    """``module:attribute`` (the models' MetaData), not a file."""
    return (isinstance(schema, str) and _MODELS_TARGET.match(schema) is not None
            and not Path(schema).exists())


def _create_all(session: sandbox.Session, database: _Database, target: str,
                timeout_s: float) -> None:
    """The models' ``create_all``, in the sandbox, as the run's own (unprivileged) role."""
    outcome = session.call(database.job(session, direction="create_all", target=target),
                           timeout_s)
    if isinstance(outcome, sandbox.Failed):
        raise DbkitError(f"--schema {target}: the models' create_all did not run: "
                         f"{outcome.reason}")


def _load_schema(database: _Database, schema: Path) -> None:
    """Run a schema-only SQL file as the run's own (unprivileged) role, before the chain."""
    engine = sa.create_engine(database.url(), poolclass=NullPool)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(schema.read_text(encoding="utf-8"))
    except sa.exc.DBAPIError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        raise DbkitError(f"the schema file {schema} does not load: {reason}") from None
    finally:
        engine.dispose()


_MISSING_MODULE = re.compile(r"No module named '?([\w.]+)'?")
_MISSING_NAME = re.compile(r"cannot import name '?([\w.]+)'? from '?([\w.]+)'?")
_NEEDS_ARGUMENTS = re.compile(r"(upgrade|downgrade)\(\) takes ([\w, ]+), which the project's "
                              r"env\.py passes")
_MISSING_TYPE = re.compile(r'type "([\w.]+)" does not exist')
_MISSING_TABLE = re.compile(r'relation "([\w.]+)" does not exist')
EXTENSION_TYPES = {"geometry": "PostGIS", "geography": "PostGIS", "raster": "PostGIS",
                   "vector": "pgvector", "citext": "citext", "hstore": "hstore", "ltree": "ltree",
                   "cube": "cube"}
TRY_PYTHON = "try --python PATH, the project's own interpreter"


def outside_the_chain(error: str, steps: list) -> str | None:
    """Why an upgrade failed for a reason outside the chain, or None when the chain is at
    fault: a module the revision imports that is not installed where it ran, an upgrade()
    that needs what the project's env.py passes it, a type from an extension the server
    lacks, or a table no revision up to it creates (made by the application's create_all,
    or by hand)."""
    module = _MISSING_MODULE.search(error)
    if module:
        return f"{module.group(1)} is missing where it ran: {TRY_PYTHON}"
    imported = _MISSING_NAME.search(error)
    if imported:
        return (f"it imports {imported.group(1)} from {imported.group(2)}, which the installed "
                f"{imported.group(2)} does not have: {TRY_PYTHON}")
    arguments = _NEEDS_ARGUMENTS.search(error)
    if arguments:
        return (f"its {arguments.group(1)}() needs {arguments.group(2)} from the project's "
                "env.py (context.run_migrations(**kw)), which the run does not have")
    if "Working outside of application context" in error:
        return ("it needs the Flask application's context (current_app), which Flask-Migrate "
                "gives it (`flask db upgrade`) and the run does not")
    kind = _MISSING_TYPE.search(error)
    if kind and kind.group(1).rpartition(".")[2] in EXTENSION_TYPES:
        extension = EXTENSION_TYPES[kind.group(1).rpartition(".")[2]]
        return (f"type {kind.group(1)} comes from the {extension} extension, which the run's "
                "server does not have")
    table = _MISSING_TABLE.search(error)
    if table:
        from dbkit.review.reader import read_revision

        name = table.group(1)
        created = {op.table for step in steps for op in read_revision(Path(step.path), "").upgrade
                   if op.name == "create_table" and op.table}
        if name not in created and name.rpartition(".")[2] not in created:
            return (f"table {name} is made outside the chain (start the run from the models' "
                    "create_all or a schema-only SQL file: see docs/reviewer.md)")
    return None


def _apply(session: sandbox.Session, database: _Database, admin: sa.Engine, generator: Generator,
           index: int, run: StepRun, rows: int,
           timeout_s: float) -> tuple[bool, Snapshot, Snapshot | None]:
    """Apply one upgrade with rows in every table: applied?, the values before and after it."""
    with admin.connect() as conn:
        generator.populate(conn, rows)
        conn.commit()
        before = snapshot(conn)
    run.rows_before = {t: len(v.rows) for t, v in before.items()}
    job = database.job(session, file=index, direction="upgrade")
    outcome = session.call(job, timeout_s)
    if isinstance(outcome, sandbox.Failed):
        database.end_sessions()
        populated = any(run.rows_before.values())
        if populated:
            with admin.begin() as conn:
                _empty(conn)
            again = session.call(job, timeout_s)
            if not isinstance(again, sandbox.Failed):
                run.upgrade, run.error = FAILS_POPULATED, outcome.reason
                with admin.connect() as conn:
                    emptied = snapshot(conn)
                return True, emptied, emptied  # the downgrade has empty tables to give back
            database.end_sessions()
        run.upgrade, run.error = FAILED, outcome.reason
        return False, before, None
    with admin.connect() as conn:
        after = snapshot(conn)
    run.upgrade = OK
    run.values = accounting.account(before, after)
    return True, before, after


def _walk_back(session: sandbox.Session, database: _Database, admin: sa.Engine,
               applied: list[tuple[int, StepRun, Snapshot]], timeout_s: float) -> None:
    """Each downgrade from the head back, as ``alembic downgrade base`` would: values back?

    A downgrade is judged on the rows that existed before its upgrade: are their values
    in the columns they were in? A column a later downgrade already failed to give back is
    that one's loss, not counted again. The walk stops at the first downgrade that fails.
    """
    blamed: set[tuple[str, str]] = set()
    for position, (index, run, before) in enumerate(reversed(applied)):
        outcome = session.call(database.job(session, file=index, direction="downgrade"),
                               timeout_s)
        if isinstance(outcome, sandbox.Failed):
            database.end_sessions()
            run.downgrade, run.downgrade_error = FAILED, outcome.reason
            for _, earlier, _ in list(reversed(applied))[position + 1:]:
                earlier.downgrade_error = f"not run: the downgrade of {Path(run.file).name} failed"
            return
        with admin.connect() as conn:
            back = snapshot(conn)
        run.downgrade_values = [v for v in accounting.account(before, back)
                                if (v.table, v.column) not in blamed]
        run.downgrade = LOSES if run.not_given_back else RESTORES
        blamed |= {(v.table, v.column) for v in run.not_given_back}


def _empty(conn: sa.Connection) -> None:
    tables = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
    if tables:
        conn.execute(sa.text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE"))
