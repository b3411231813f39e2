"""Shared code of the seeding scripts (create_recruits.py, create_c26_recruits.py, ...).

People come from Faker, seeded: the same ``--seed`` gives the same people, in
the same order, at any ``--count`` (the first 5 of 1,000 are the 5 of 5).
Faker is slow per call, so each run samples pools of first names and surnames
once from Faker's own lists and builds people from them with one seeded
random.Random; rows reach the database with one COPY, its lines made as it goes.

Every personal email address carries the cohort, the seed and the person's
number (``zoe.obrien+c26dataeng-42-3@example.org``), so addresses never collide
between cohorts or seeds. Running a script twice with the same seed finds the
same people already there and writes nothing new: seeding is idempotent.
Without ``--seed`` a random one is picked and printed, so any run can be repeated.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import signal
import socket
import threading
from collections.abc import Callable, Container, Iterable, Iterator, Sequence, Set
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.errors import DbkitError, Interrupted, WrongRevision
from dbkit.exercise.people import (
    BATCH,
    EMAIL_DOMAINS,
    Person,
    ascii_slug,
    batches,
    csv_field,
    email_tag,
    generate,
    people,
    pools,
)

__all__ = ["Person", "ascii_slug", "generate", "people"]  # who they are: dbkit.exercise.people

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.engine.interfaces import DBAPIConnection

    from dbkit.database import Target
    from dbkit.project import Project

MAX_COUNT = 10_000_000
MAX_SEED = 999_999_999_999  # the seed goes into every email address (254 characters at most)
PROGRESS_FROM = 10_000  # show a progress bar from this many recruits


class SeedingInterrupted(Interrupted):
    """Ctrl-C (SIGINT) during the write: the transaction was rolled back (exit 130)."""

    def __init__(self) -> None:
        super().__init__("interrupted: seeding stopped by Ctrl-C; nothing was written (its "
                         "transaction was rolled back)")


@dataclass(frozen=True)
class SeedResult:
    cohort: str
    seed: int
    asked: int
    written: int
    cohort_total: int

    @property
    def already_there(self) -> int:
        return self.asked - self.written


def addresses_stored(connection: Connection, cohort: str, seed: int) -> set[str]:
    """Addresses of this cohort and seed's people already in the table.

    Every address the run could write carries ``+<tag>-<number>@``, so one
    LIKE finds all that are there, whatever ``--count`` a past run used.
    """
    import sqlalchemy as sa

    pattern = f"%+{email_tag(cohort, seed)}-%"  # the tag is [a-z0-9-] only: no LIKE escapes
    return set(connection.execute(
        sa.text("SELECT personal_email_address FROM recruits "
                "WHERE personal_email_address LIKE :pattern"), {"pattern": pattern}).scalars())


def id_number(person: Person) -> str:
    """A made-up 13-digit id number, the same for the same person (their address is unique)."""
    digest = hashlib.sha256(person.personal_email_address.encode()).hexdigest()
    return f"{int(digest, 16) % 10**13:013d}"


def model_columns() -> set[str]:
    """The recruits columns the models of this moment know (``models.py`` next to the script)."""
    from models import Recruit

    return set(Recruit.__table__.columns.keys())


def keys_of(person: Person, columns: Container[str]) -> set:
    """What tells a person already stored: their names (at every moment of the exercise),
    and their address once the models have one."""
    keys: set = {(person.first_name, person.surname, person.github_name)}
    if "personal_email_address" in columns:
        keys.add(person.personal_email_address)
    return keys


def keys_stored(connection: Connection, cohort: str, seed: int, columns: Container[str]) -> set:
    """The keys (:func:`keys_of`) of the people already in the table.

    Before the models have an address, names are all there is. After, a person
    added before addresses existed has a placeholder (0003: ``@placeholder.invalid``)
    or none, so the names of those rows count too: re-running the script at any
    moment of the exercise adds nobody twice.
    """
    import sqlalchemy as sa

    if "personal_email_address" not in columns:
        return {tuple(row) for row in connection.execute(
            sa.text("SELECT first_name, surname, github_name FROM recruits"))}
    named = {tuple(row) for row in connection.execute(sa.text(
        "SELECT first_name, surname, github_name FROM recruits "
        "WHERE personal_email_address IS NULL "
        "   OR personal_email_address LIKE '%@placeholder.invalid'"))}
    return named | addresses_stored(connection, cohort, seed)


def insert_recruits(connection: Connection, cohort: str, recruits: Iterable[Person] | Recruits,
                    skip: Set = frozenset(), columns: Container[str] | None = None) -> int:
    """Add ``recruits`` to ``cohort``, except those whose key is in ``skip``.

    Writes the columns the models know, so the script of each moment of the
    exercise writes what its models say: ``chatname`` or ``rocketchat_user``,
    an address once the models have one, the cohort as text or through the
    cohorts table (created if new). One COPY straight into recruits, fed as it
    goes: Python makes the next rows while PostgreSQL stores the last ones
    (:class:`Recruits` are made straight as COPY's lines, without a Person each).
    Runs in the caller's transaction; returns how many were written. ``columns``: the
    recruits columns of the models (:func:`model_columns`, read if not given).
    """
    import psycopg2

    columns = model_columns() if columns is None else columns
    names = ["first_name", "surname",
             "rocketchat_user" if "rocketchat_user" in columns else "chatname", "github_name"]
    extra = [c for c in ("personal_email_address", "id_number", "cohort") if c in columns]
    cohort_id = cohort_id_for(connection, cohort) if "cohort_id" in columns else None
    names += extra + (["cohort_id"] if cohort_id is not None else [])
    if isinstance(recruits, Recruits):
        lines = recruits.csv(extra, cohort_id, skip, columns)
    else:
        lines = csv_lines(row_maker(cohort, extra, cohort_id)(p) for p in recruits
                          if not keys_of(p, columns) & skip)
    rows = CopyStream(lines)
    raw = connection.connection.dbapi_connection
    assert raw is not None  # a connection in use has its driver connection
    cursor = raw.cursor()
    try:
        with cancelled_by_ctrl_c(raw) as pressed:
            try:
                cursor.copy_expert(
                    f"COPY recruits ({', '.join(names)}) FROM STDIN WITH (FORMAT csv)", rows)
            except psycopg2.errors.QueryCanceled:
                if pressed:
                    raise SeedingInterrupted() from None
                raise
    except psycopg2.errors.UniqueViolation:
        raise DbkitError("another run added some of the same recruits meanwhile (same cohort "
                         "and seed?); this run wrote nothing: run it again") from None
    finally:
        cursor.close()
    if pressed:  # Ctrl-C as the COPY ended: stop before the commit
        raise SeedingInterrupted()
    return rows.written


def row_maker(cohort: str, extra: Sequence[str], cohort_id: int | None) -> Callable[[Person], tuple]:
    """A person's row: their four names, then ``extra`` (of address, id number, cohort) and
    the cohort's id if there is one."""
    after = (cohort_id,) if cohort_id is not None else ()

    def row(person: Person) -> tuple:
        values = {"personal_email_address": person.personal_email_address, "cohort": cohort}
        if "id_number" in extra:
            values["id_number"] = id_number(person)
        return (*person[:4], *(values[c] for c in extra), *after)
    return row


@contextmanager
def cancelled_by_ctrl_c(raw_connection: DBAPIConnection) -> Iterator[list[int]]:
    """While the block runs, Ctrl-C cancels the connection's statement instead of raising
    KeyboardInterrupt somewhere inside the driver; the list yielded is non-empty if it did.

    libpq waiting on the server (a COPY blocked by a lock) never returns to Python, so
    a Python signal handler would not run: the signal's wake-up byte goes to a thread
    that asks the server to cancel (``connection.cancel()``), and the COPY then fails
    with ``QueryCanceled`` in the ordinary way.
    """
    if threading.current_thread() is not threading.main_thread():
        yield []
        return
    pressed: list[int] = []
    reader, writer = socket.socketpair()
    writer.setblocking(False)

    def watch() -> None:
        while True:
            try:
                data = reader.recv(64)
            except OSError:
                return
            if not data:
                return
            if signal.SIGINT in data:
                pressed.append(signal.SIGINT)
                with suppress(Exception):  # the connection is gone: nothing to cancel
                    raw_connection.cancel()

    watcher = threading.Thread(target=watch, name="ctrl-c-cancels-the-copy", daemon=True)
    previous_handler = signal.signal(signal.SIGINT, lambda *_: None)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    watcher.start()
    try:
        yield pressed
    finally:
        signal.set_wakeup_fd(previous_fd)
        signal.signal(signal.SIGINT, previous_handler)
        writer.close()
        watcher.join(timeout=5)
        reader.close()


def cohort_id_for(connection: Connection, cohort: str) -> int:
    """The id of ``cohort`` in the cohorts table, which gets it if new."""
    import sqlalchemy as sa

    # The final models' Cohort (cohorts: id, name unique), as SQL: no ORM to import for it.
    cohort_id = connection.execute(sa.text(
        "INSERT INTO cohorts (name) VALUES (:name) ON CONFLICT (name) DO NOTHING RETURNING id"),
        {"name": cohort}).scalar()
    if cohort_id is None:
        cohort_id = connection.execute(sa.text("SELECT id FROM cohorts WHERE name = :name"),
                                       {"name": cohort}).scalar_one()
    return cohort_id


def cohort_total(connection: Connection, cohort: str, columns: Container[str]) -> int:
    """How many recruits the cohort has (every recruit, before the models know cohorts)."""
    import sqlalchemy as sa

    if "cohort_id" in columns:
        sql = "SELECT count(*) FROM recruits JOIN cohorts ON cohorts.id = cohort_id WHERE name = :c"
    elif "cohort" in columns:
        sql = "SELECT count(*) FROM recruits WHERE cohort = :c"
    else:
        sql = "SELECT count(*) FROM recruits"
    return connection.execute(sa.text(sql), {"c": cohort}).scalar_one()


class CopyStream:
    """A file whose ``read()`` makes the next lines for COPY ... FROM STDIN, as they are asked
    for; ``written`` counts their rows."""

    def __init__(self, lines: Iterable[tuple[str, int]]):
        self._lines = iter(lines)
        self.written = 0

    def read(self, size: int = -1) -> str:
        """The next lines (COPY takes whatever length we give; "" is the end)."""
        for text, rows in self._lines:
            self.written += rows
            if text:
                return text
        return ""


ROWS_PER_READ = 2_000


def csv_lines(rows: Iterable[tuple]) -> Iterator[tuple[str, int]]:
    """``rows`` as CSV, ``ROWS_PER_READ`` at a time, each with its number of rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = iter(rows)
    while batch := list(itertools.islice(rows, ROWS_PER_READ)):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows(batch)
        yield buffer.getvalue(), len(batch)


# Told how many people were made so far (every PROGRESS_FROM, and at the end).
Progress = Callable[[int], None]


def generate_with_progress(cohort: str, seed: int, count: int,
                           progress: Progress | None = None) -> Iterator[Person]:
    """The first ``count`` people, made as they are consumed, told to ``progress`` as they come."""
    recruits = itertools.islice(people(cohort, seed), count)
    if progress is None or count < PROGRESS_FROM:
        return recruits
    return with_progress(recruits, count, progress)


@dataclass(frozen=True)
class Recruits:
    """The first ``count`` people of ``cohort`` and ``seed``, made as they are consumed (as
    :class:`Person` objects, or straight as COPY's CSV lines), told to ``progress``."""

    cohort: str
    seed: int
    count: int
    progress: Progress | None = None

    def __iter__(self) -> Iterator[Person]:
        return generate_with_progress(self.cohort, self.seed, self.count, self.progress)

    def csv(self, extra: Sequence[str], cohort_id: int | None, skip: Set,
            columns: Container[str]) -> Iterator[tuple[str, int]]:
        """The lines of :func:`insert_recruits`' COPY, ``BATCH`` people at a time, each
        with its number of rows: the same rows as :func:`row_maker` makes of :func:`people`,
        without a Person, a tuple or the csv module per person.
        """
        if "id_number" in extra or (skip and "personal_email_address" not in columns):
            # The snapshots' older models (an id number per person; names as the key): the plain way.
            row = row_maker(self.cohort, extra, cohort_id)
            yield from csv_lines(row(p) for p in self if not keys_of(p, columns) & skip)
            return
        firsts, lasts, tag = pools(self.cohort, self.seed)
        first_fields = [(csv_field(name), slug) for name, slug in firsts]
        last_fields = [(csv_field(name), slug) for name, slug in lasts]
        with_address = "personal_email_address" in extra
        end = "".join(["," + csv_field(self.cohort) if "cohort" in extra else "",
                       f",{cohort_id}" if cohort_id is not None else "", "\n"])
        domains = EMAIL_DOMAINS
        tell = self.progress if self.count >= PROGRESS_FROM else None
        batch = min(self.count, BATCH)
        for made, values in batches(self.cohort, self.seed, batch):
            left = self.count - made
            if left <= 0:
                break
            draws = zip(*(iter(values[:5 * min(left, batch)]),) * 5, strict=True)
            lines = []
            for number, (f, s, chat, github, domain) in enumerate(draws, made + 1):
                (first, first_slug), (last, last_slug) = first_fields[f], last_fields[s]
                handle = f"{first_slug}.{last_slug}"
                address = f"{handle}+{tag}-{number}@{domains[domain]}"
                if skip and (address in skip or (firsts[f][0], lasts[s][0],
                                                 f"{first_slug}-{last_slug}{github}") in skip):
                    continue
                lines.append(f"{first},{last},{handle}{chat},{first_slug}-{last_slug}{github}"
                             f",{address}{end}" if with_address else
                             f"{first},{last},{handle}{chat},{first_slug}-{last_slug}{github}{end}")
            yield "".join(lines), len(lines)
            if tell is not None:
                done = min(made + batch, self.count)
                for told in range((made // PROGRESS_FROM + 1) * PROGRESS_FROM, done + 1,
                                  PROGRESS_FROM):
                    tell(told)
        if tell is not None:
            tell(self.count)


def with_progress(recruits: Iterator[Person], count: int, progress: Progress) -> Iterator[Person]:
    for number, person in enumerate(recruits, 1):
        yield person
        if number % PROGRESS_FROM == 0:
            progress(number)
    progress(count)


def seeding_chain(chain: Path | None) -> Project:
    """The chain whose head the database must be at: the script's own (``chain``, its
    alembic.ini), else the chain in use (as :func:`chain_head` picks it)."""
    from dbkit import project

    if chain is not None and (chain / project.INI_NAME).is_file():
        return project.from_ini(chain / project.INI_NAME)
    return project.in_use()


def guards_passed_before(connection: Connection, chosen: Project) -> set[str] | None:
    """The models' recruits columns when this database, as it is, passed the guards before
    (``dbkit.drift.known``); None when the full guards must run."""
    from dbkit.drift import known

    try:
        return known.seeding_guards_passed(connection, chosen)
    except Exception:  # a catalog PostgreSQL cannot print, ...: the full checks decide
        connection.rollback()
        return None


def remember_guards_passed(connection: Connection, chosen: Project, head: str,
                           columns: set[str]) -> None:
    import sqlalchemy as sa

    from dbkit.drift import known

    # Best effort, in a savepoint: the next run checks in full again.
    with suppress(sa.exc.DBAPIError), connection.begin_nested():
        known.remember_seeding_guards(connection, chosen, head, columns)


def chain_head(chain: Path | None) -> str:
    """The head of the chain next to the script (``chain``: its alembic.ini), else of the chain
    in use (``dbkit.project.in_use``); that chain is the one every message names."""
    from dbkit import project, revisions

    if chain is not None and (chain / project.INI_NAME).is_file():
        revisions.use(project.from_ini(chain / project.INI_NAME))
    return revisions.head()


def seed(cohort: str, count: int, seed_value: int, chain: Path | None = None,
         target: Target | None = None, progress: Progress | None = None) -> SeedResult:
    """Add ``count`` recruits to ``cohort`` in ``target`` (default: the database named by
    ``ENV``), in one transaction; ``progress`` is told how many were made so far.

    The database must be at the head of ``chain`` (the migrations next to the
    script; the repository's by default) and match the models.
    """
    import psycopg2
    import sqlalchemy as sa

    from dbkit.errors import reason

    try:
        return _seed(cohort, count, seed_value, chain, target, progress)
    except (sa.exc.DBAPIError, psycopg2.Error) as exc:  # the server went away, a downgrade
        raise DbkitError(f"seeding failed, nothing was written: {reason(exc)}") from None


def behind(target: Target, at: str | None, wanted: str) -> str:
    """Why a database is not at the head, and what really fixes it: the revisions it lacks,
    and, when the next one cannot run there (tried by the drift check on a scratch copy),
    why, rather than the ``upgrade`` that just failed."""
    from dbkit import drift, revisions

    upgrade = revisions.alembic_command(target.env, "upgrade head")
    said = f"the {target.describe()} is at {revisions.describe(at)}, not at head {wanted}"
    try:
        lacking = [s.revision for s in revisions.script_directory().iterate_revisions(wanted, at)]
    except Exception:  # stamped with a revision the chain does not have
        return f"{said}: `{revisions.drift_command(target.env)}` says what to do"
    listing = ", ".join(revisions.describe(r) for r in reversed(lacking))
    said += f": it lacks {listing}"
    try:
        report = drift.check(target)
    except Exception:  # cannot check here (no CREATEDB, ...): the plain advice
        return (f"{said}: run `{upgrade}` first (if it fails, "
                f"`{revisions.drift_command(target.env)}` says why)")
    broken = [f for f in report.findings if f.change == "revision fails"]
    if broken:
        return f"{said}, and {broken[0].message}; fix: {broken[0].fix}"
    return f"{said}: run `{upgrade}` first"


def _seed(cohort: str, count: int, seed_value: int, chain: Path | None, target: Target | None,
          progress: Progress | None) -> SeedResult:
    from dbkit import database, drift, revisions
    from dbkit.state import marker

    chosen = seeding_chain(chain)
    with database.connected(target) as (target, connection):
        # One transaction: an error or a kill midway writes nothing.
        marker.require_environment(connection, target)
        # At the head, matching the models: checked in full unless this very schema, with
        # these very files, passed the same checks before (dbkit.drift.known).
        # (The record also keeps the models' recruits columns: no ORM to import for them.)
        columns = guards_passed_before(connection, chosen)
        if columns is None:
            wanted = chain_head(chain)
            at = revisions.current(connection)
            if at != wanted:
                connection.rollback()
                raise WrongRevision(behind(target, at, wanted))
            drift.require_no_drift(connection, target)  # not a raw UndefinedColumn later
            columns = model_columns()
            remember_guards_passed(connection, chosen, wanted, columns)
        recruits = Recruits(cohort, seed_value, count, progress)
        written = insert_recruits(connection, cohort, recruits,
                                  skip=keys_stored(connection, cohort, seed_value, columns),
                                  columns=columns)
        total = cohort_total(connection, cohort, columns)
        connection.commit()
    return SeedResult(cohort, seed_value, count, written, total)
