"""Shared code of the seeding scripts (create_recruits.py, create_c26_recruits.py, ...).

People come from Faker, seeded: the same ``--seed`` gives the same people, in
the same order, at any ``--count`` (the first 5 of 1,000 are the 5 of 5).
Faker is slow per call, so each run samples pools of first names and surnames
once and builds people from them; rows reach the database with one COPY.

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
import random
import re
import signal
import socket
import threading
import unicodedata
from collections.abc import Callable, Container, Iterable, Iterator, Set
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from dbkit.errors import DbkitError, Interrupted, WrongRevision

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.engine.interfaces import DBAPIConnection

    from dbkit.database import Target

LOCALES = ("zu_ZA", "en_IE", "fr_FR", "de_DE", "en_US")
NAMES_PER_LOCALE = 100
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")  # reserved (RFC 2606)
MAX_COUNT = 10_000_000
MAX_SEED = 999_999_999_999  # the seed goes into every email address (254 characters at most)
PROGRESS_FROM = 10_000  # show a progress bar from this many recruits


class SeedingInterrupted(Interrupted):
    """Ctrl-C (SIGINT) during the write: the transaction was rolled back (exit 130)."""

    def __init__(self) -> None:
        super().__init__("interrupted: seeding stopped by Ctrl-C; nothing was written (its "
                         "transaction was rolled back)")


class Person(NamedTuple):
    """One recruit's fields; a plain tuple, so csv writes it without conversion."""

    first_name: str
    surname: str
    rocketchat_user: str
    github_name: str
    personal_email_address: str


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


def ascii_slug(text: str) -> str:
    """'Zoë O'Brien' -> 'zoeobrien': for user names and email local parts."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower()) or "recruit"


def name_pools(seed_text: str) -> tuple[list[str], list[str]]:
    """First names and surnames from several locales, sampled once per run."""
    from faker import Faker

    first_names: list[str] = []
    surnames: list[str] = []
    for locale in LOCALES:
        fake = Faker(locale, use_weighting=False)
        fake.seed_instance(f"{seed_text}:{locale}")
        first_names += [fake.first_name() for _ in range(NAMES_PER_LOCALE)]
        surnames += [fake.last_name() for _ in range(NAMES_PER_LOCALE)]
    return first_names, surnames


def people(cohort: str, seed: int) -> Iterator[Person]:
    """The endless, reproducible sequence of people for ``cohort`` and ``seed``."""
    seed_text = f"{cohort}:{seed}"
    # Each name with its slug, worked out once: slugging per person was half the time.
    first_names, surnames = ([(name, ascii_slug(name)) for name in pool]
                             for pool in name_pools(seed_text))
    rng = random.Random(seed_text)
    tag = email_tag(cohort, seed)
    number = 0
    while True:
        number += 1
        (first, first_slug), (last, last_slug) = rng.choice(first_names), rng.choice(surnames)
        handle = f"{first_slug}.{last_slug}"
        yield Person(
            first_name=first,
            surname=last,
            rocketchat_user=f"{handle}{rng.randrange(100)}",
            github_name=f"{first_slug}-{last_slug}{rng.randrange(1000)}",
            personal_email_address=f"{handle}+{tag}-{number}@{rng.choice(EMAIL_DOMAINS)}",
        )


def email_tag(cohort: str, seed: int) -> str:
    """The part of every address that names its cohort and seed: ``c26dataeng-42``."""
    return f"{ascii_slug(cohort)}-{seed}"


def generate(cohort: str, seed: int, count: int) -> list[Person]:
    return list(itertools.islice(people(cohort, seed), count))


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


def insert_recruits(connection: Connection, cohort: str, recruits: Iterable[Person],
                    skip: Set = frozenset()) -> int:
    """Add ``recruits`` to ``cohort``, except those whose key is in ``skip``.

    Writes the columns the models know, so the script of each moment of the
    exercise writes what its models say: ``chatname`` or ``rocketchat_user``,
    an address once the models have one, the cohort as text or through the
    cohorts table (created if new). One COPY straight into recruits, fed as it
    goes: Python makes the next rows while PostgreSQL stores the last ones.
    Runs in the caller's transaction; returns how many were written.
    """
    import psycopg2

    columns = model_columns()
    names = ["first_name", "surname",
             "rocketchat_user" if "rocketchat_user" in columns else "chatname", "github_name"]
    extra = [c for c in ("personal_email_address", "id_number", "cohort") if c in columns]
    cohort_id = cohort_id_for(connection, cohort) if "cohort_id" in columns else None

    def row(person: Person) -> tuple:
        values = {"personal_email_address": person.personal_email_address,
                  "id_number": id_number(person), "cohort": cohort}
        return (*person[:4], *(values[c] for c in extra),
                *((cohort_id,) if cohort_id is not None else ()))

    names += extra + (["cohort_id"] if cohort_id is not None else [])
    rows = CsvStream(row(p) for p in recruits if not keys_of(p, columns) & skip)
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
    from sqlalchemy.dialects.postgresql import insert

    from models import Cohort  # the final models have it

    cohort_id = connection.execute(
        insert(Cohort).values(name=cohort)
        .on_conflict_do_nothing(index_elements=[Cohort.name])
        .returning(Cohort.id)).scalar()
    if cohort_id is None:
        cohort_id = connection.execute(sa.select(Cohort.id).where(Cohort.name == cohort)).scalar_one()
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


class CsvStream:
    """A file whose ``read()`` makes the next rows as CSV, for COPY ... FROM STDIN."""

    ROWS_PER_READ = 2_000

    def __init__(self, rows: Iterable[tuple]):
        self._rows = iter(rows)
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)
        self.written = 0

    def read(self, size: int = -1) -> str:
        """The next rows (COPY takes whatever length we give; "" is the end)."""
        self._buffer.seek(0)
        self._buffer.truncate()
        batch = list(itertools.islice(self._rows, self.ROWS_PER_READ))
        self._writer.writerows(batch)
        self.written += len(batch)
        return self._buffer.getvalue()


# Told how many people were made so far (every PROGRESS_FROM, and at the end).
Progress = Callable[[int], None]


def generate_with_progress(cohort: str, seed: int, count: int,
                           progress: Progress | None = None) -> Iterator[Person]:
    """The first ``count`` people, made as they are consumed, told to ``progress`` as they come."""
    recruits = itertools.islice(people(cohort, seed), count)
    if progress is None or count < PROGRESS_FROM:
        return recruits
    return with_progress(recruits, count, progress)


def with_progress(recruits: Iterator[Person], count: int, progress: Progress) -> Iterator[Person]:
    for number, person in enumerate(recruits, 1):
        yield person
        if number % PROGRESS_FROM == 0:
            progress(number)
    progress(count)


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

    wanted = chain_head(chain)
    with database.connected(target) as (target, connection):
        # One transaction: an error or a kill midway writes nothing.
        marker.require_environment(connection, target)
        at = revisions.current(connection)
        if at != wanted:
            connection.rollback()
            raise WrongRevision(behind(target, at, wanted))
        drift.require_no_drift(connection, target)  # not a raw UndefinedColumn later
        columns = model_columns()
        recruits = generate_with_progress(cohort, seed_value, count, progress)
        written = insert_recruits(connection, cohort, recruits,
                                  skip=keys_stored(connection, cohort, seed_value, columns))
        total = cohort_total(connection, cohort, columns)
        connection.commit()
    return SeedResult(cohort, seed_value, count, written, total)
