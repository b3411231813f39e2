"""Everything the checks read about one repository, gathered in one run of its chain.

The chain runs as ``review --run`` runs it (:func:`dbkit.review.run.run_chain`: a database and
an unprivileged role of its own on the throwaway server, the revisions in the sandbox, rows
generated before each revision, every value followed, then each downgrade from head back).
The grader watches that run: it keeps the recruits' rows before and after each revision, and
at head, before the downgrades, it reads the schema, each recruit's cohort, and runs the
seeding scripts, each on its own copy of the head database, in the same sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import psycopg2
import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from dbkit import sandbox
from dbkit.errors import DbkitError
from dbkit.grade import head as heads
from dbkit.grade import names, seeds
from dbkit.grade.chain import find_chain, model_files, run_target
from dbkit.grade.history import History, read_history
from dbkit.grade.static import StaticHead, static_head
from dbkit.pg.server import Server
from dbkit.review.run import ChainRun, StepRun, run_chain
from dbkit.review.run.data import Snapshot, TableValues, snapshot

RUN_TIMEOUT_S = 240.0


@dataclass
class StepSeen:
    """One applied revision: the recruits table's rows before and after it."""

    run: StepRun
    tables_before: dict[str, list[str]]
    tables_after: dict[str, list[str]] | None
    recruits_before: str | None
    before: TableValues | None  # the recruits table's rows before the revision
    after: TableValues | None


@dataclass
class Facts:
    path: str
    repository: Path
    chain_folder: Path | None = None
    run: ChainRun | None = None
    steps: list[StepSeen] = field(default_factory=list)
    schema: heads.Schema | None = None  # at head, as PostgreSQL holds it
    recruits: str | None = None
    cohort: heads.CohortSource | None = None
    labels: dict[tuple, str | None] | None = None  # recruit key -> cohort at head
    head_rows: TableValues | None = None
    scripts: list[seeds.ScriptRun] = field(default_factory=list)
    history: History | None = None
    static: StaticHead | None = None  # the files read without running them
    problem: str | None = None  # why the chain could not be read or run at all
    head_problem: str | None = None  # why the head could not be read

    @property
    def reached_head(self) -> bool:
        return self.schema is not None


def _tables(snap: Snapshot) -> dict[str, list[str]]:
    return {t: list(v.columns) for t, v in snap.items()}


class _Watch:
    def __init__(self, facts: Facts, modules: list[Path]) -> None:
        self.facts = facts
        self.modules = modules

    def step(self, run: StepRun, before: Snapshot, after: Snapshot | None) -> None:
        tables_before = _tables(before)
        tables_after = _tables(after) if after is not None else None
        r_before = names.recruits_table(tables_before)
        r_after = names.recruits_table(tables_after) if tables_after else None
        self.facts.steps.append(StepSeen(
            run, tables_before, tables_after, r_before,
            before.get(r_before) if r_before else None,
            after.get(r_after) if after is not None and r_after else None))

    def head(self, database: seeds.RunDatabase, session: sandbox.Session) -> None:
        facts = self.facts
        engine = sa.create_engine(database.url(admin=True), poolclass=NullPool)
        try:
            with engine.connect() as conn:
                facts.schema = heads.inspect_schema(conn)
                facts.recruits = names.recruits_table(
                    {t: list(v.columns) for t, v in facts.schema.items()})
                if facts.recruits is None:
                    facts.head_problem = "no table at head looks like the recruits table"
                    for script in facts.scripts:
                        script.why_not_run = facts.head_problem
                    return
                facts.cohort = heads.cohort_source(facts.schema, facts.recruits)
                if facts.cohort is not None:
                    facts.labels = heads.cohort_labels(conn, facts.schema, facts.recruits,
                                                       facts.cohort)
                facts.head_rows = snapshot(conn).get(facts.recruits)
        finally:
            engine.dispose()
        if any(s.path for s in facts.scripts):
            try:
                seeds.run_scripts(facts.scripts, facts.repository, self.modules, database,
                                  session, facts.schema, facts.recruits, facts.cohort)
            except (sa.exc.SQLAlchemyError, psycopg2.Error, OSError) as exc:  # graded without them
                why = f"the scripts could not be run: {type(exc).__name__}: {exc}".splitlines()[0]
                for script in facts.scripts:
                    if not script.ran:
                        script.why_not_run = why[:300]


def chain_folder_of(files: list[Path]) -> Path | None:
    """The chain's folder: the one holding env.py (``migrations/``) above the revisions, or theirs."""
    if not files:
        return None
    folder = Path(files[0]).resolve().parent
    for candidate in (folder, *list(folder.parents)[:2]):
        if (candidate / "env.py").is_file():
            return candidate
    return folder


def repository_of(path: Path) -> Path:
    """The repository a PATH belongs to: the folder holding ``.git`` above it, else PATH."""
    path = Path(path).resolve()
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


def collect(path: Path, server: Server | None) -> Facts:
    """Read, run and watch the repository at ``path``; raises DbkitError when it does not exist."""
    path = Path(path)
    if not path.exists():
        raise DbkitError(f"{path} does not exist")
    if not path.is_dir():
        raise DbkitError(f"{path} is not a folder")
    repository = repository_of(path)
    facts = Facts(str(path), repository)
    try:
        revisions = [Path(f).resolve() for f in find_chain(path)]
    except DbkitError as exc:
        revisions = []
        facts.problem = str(exc).splitlines()[0]
    facts.chain_folder = chain_folder_of(revisions)
    skip = {Path(f).parent for f in revisions}
    files = seeds.python_files(repository, skip)
    facts.scripts = seeds.find_scripts(repository, files)
    counted = [facts.chain_folder] if facts.chain_folder else []
    counted += [p for p in (repository / "alembic.ini",
                            (facts.chain_folder or repository) / "alembic.ini") if p.is_file()]
    facts.history = read_history(repository, counted + model_files(repository, files))
    if not revisions:
        facts.problem = facts.problem or "no Alembic revisions found"
        for script in facts.scripts:
            script.why_not_run = "there is no chain to make a head database"
        return facts
    if server is None:
        raise DbkitError("a chain to run and no PostgreSQL server given to run it on")
    target = run_target(path, revisions)
    facts.static = static_head(target)
    watch = _Watch(facts, [f for f in files if f.name.lower() not in seeds.SCRIPTS])
    with sandbox.Session("dbkit.grade.worker", total_timeout_s=RUN_TIMEOUT_S,
                         network=server.socket_dir) as session:
        for module in session.add_files(watch.modules):  # a revision may import the models
            session.call({"kind": "module", "file": module}, seeds.SCRIPT_TIMEOUT_S)
        facts.run = run_chain(target, server, session=session, watch=watch)
    if not facts.reached_head:
        failed = next((s for s in facts.run.steps if s.upgrade == "failed" or (
            s.upgrade == "not-run" and (s.error or "").startswith("not run, because"))), None)
        why = (f"the chain does not reach head ({Path(failed.file).name} fails)" if failed
               else "the chain does not reach head")
        for script in facts.scripts:
            if script.path is not None:
                script.why_not_run = f"no head database: {why}"
    return facts
