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

import argparse
import csv
import io
import itertools
import random
import re
import secrets
import sys
import unicodedata
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from dbkit.errors import DbkitError, exit_code_for

LOCALES = ("zu_ZA", "en_IE", "fr_FR", "de_DE", "en_US")
NAMES_PER_LOCALE = 100
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")  # reserved (RFC 2606)
MAX_COUNT = 10_000_000
MAX_SEED = 999_999_999_999  # the seed goes into every email address (254 characters at most)
PROGRESS_FROM = 10_000  # show a progress bar from this many recruits


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


def addresses_stored(connection, cohort: str, seed: int) -> set[str]:
    """Addresses of this cohort and seed's people already in the table.

    Every address the run could write carries ``+<tag>-<number>@``, so one
    LIKE finds all that are there, whatever ``--count`` a past run used.
    """
    import sqlalchemy as sa

    pattern = f"%+{email_tag(cohort, seed)}-%"  # the tag is [a-z0-9-] only: no LIKE escapes
    return set(connection.execute(
        sa.text("SELECT personal_email_address FROM recruits "
                "WHERE personal_email_address LIKE :pattern"), {"pattern": pattern}).scalars())


def insert_recruits(connection, cohort: str, recruits: Iterable[Person],
                    skip: Container[str] = frozenset()) -> int:
    """Add ``recruits`` to ``cohort`` (created if new), except addresses in ``skip``.

    One COPY straight into recruits, fed as it goes: Python makes the next rows
    while PostgreSQL stores the last ones (two processes at work, not one after
    the other). Runs in the caller's transaction; returns how many were written.
    """
    import psycopg2
    import sqlalchemy as sa
    from sqlalchemy.dialects.postgresql import insert

    from models import Cohort

    cohort_id = connection.execute(
        insert(Cohort).values(name=cohort)
        .on_conflict_do_nothing(index_elements=[Cohort.name])
        .returning(Cohort.id)).scalar()
    if cohort_id is None:
        cohort_id = connection.execute(sa.select(Cohort.id).where(Cohort.name == cohort)).scalar_one()

    rows = CsvStream((*p, cohort_id) for p in recruits if p.personal_email_address not in skip)
    cursor = connection.connection.cursor()
    try:
        cursor.copy_expert(f"COPY recruits ({', '.join(Person._fields)}, cohort_id) "
                           f"FROM STDIN WITH (FORMAT csv)", rows)
    except psycopg2.errors.UniqueViolation:
        raise DbkitError("another run added some of the same recruits meanwhile (same cohort "
                         "and seed?); this run wrote nothing: run it again") from None
    finally:
        cursor.close()
    return rows.written


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


def _shown(text: str) -> str:
    return repr(text) if len(text) <= 20 else repr(text[:20] + "...")


def count_arg(text: str) -> int:
    if len(text.strip()) > 20:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_COUNT:,}, not {_shown(text)}")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_COUNT:,}, not {value}")
    return value


def seed_arg(text: str) -> int:
    if len(text.strip()) > 20:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_SEED:,}, not {_shown(text)}")
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    if value > MAX_SEED:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_SEED:,}, not {value}")
    return value


def generate_with_progress(cohort: str, seed: int, count: int) -> Iterator[Person]:
    """The first ``count`` people, made as they are consumed; a progress bar on a terminal."""
    recruits = itertools.islice(people(cohort, seed), count)
    if count < PROGRESS_FROM or not sys.stderr.isatty():
        return recruits
    return with_progress(recruits, count, f"Making {count:,} {cohort} recruits")


def with_progress(recruits: Iterator[Person], count: int, title: str) -> Iterator[Person]:
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task(title, total=count)
        for number, person in enumerate(recruits, 1):
            yield person
            if number % PROGRESS_FROM == 0:
                progress.update(task, completed=number)
        progress.update(task, completed=count)


def seed(cohort: str, count: int, seed_value: int) -> SeedResult:
    """Add ``count`` recruits to ``cohort`` in the database named by ``ENV``, in one transaction."""
    import sqlalchemy as sa

    try:
        return _seed(cohort, count, seed_value)
    except sa.exc.DBAPIError as exc:  # the server went away, a downgrade raced us, ...
        from dbkit.errors import reason

        raise DbkitError(f"seeding failed, nothing was written: {reason(exc)}") from None


def _seed(cohort: str, count: int, seed_value: int) -> SeedResult:
    import sqlalchemy as sa

    from dbkit import database, drift, revisions
    from dbkit.migrate import marker
    from models import Cohort, Recruit

    with database.connected() as (target, connection):
        # One transaction: an error or a kill midway writes nothing.
        marker.require_environment(connection, target)
        revisions.require_head(connection, target)
        drift.require_no_drift(connection, target)  # not a raw UndefinedColumn later
        recruits = generate_with_progress(cohort, seed_value, count)
        written = insert_recruits(connection, cohort, recruits,
                                  skip=addresses_stored(connection, cohort, seed_value))
        total = connection.execute(
            sa.select(sa.func.count()).select_from(Recruit).join(Cohort)
            .where(Cohort.name == cohort)).scalar_one()
        connection.commit()
    return SeedResult(cohort, seed_value, count, written, total)


def main_for(cohort: str, default_count: int, argv: Sequence[str] | None = None) -> int:
    """The whole of a seeding script: parse the flags, seed, print what was written where."""
    parser = argparse.ArgumentParser(
        description=f"Add fake recruits to the cohort {cohort!r} in the database named by ENV "
                    "(dev unless ENV=prod).")
    parser.add_argument("--count", type=count_arg, default=default_count,
                        help=f"how many recruits to add (default {default_count})")
    parser.add_argument("--seed", type=seed_arg, default=None,
                        help="same seed, same people; a second run adds nothing (default: random)")
    args = parser.parse_args(argv)
    seed_value = secrets.randbelow(1_000_000) if args.seed is None else args.seed

    try:
        result = seed(cohort, args.count, seed_value)
    except (DbkitError, KeyboardInterrupt) as exc:
        return exit_code_for(exc)
    print(f"Wrote {result.written} new recruits to {cohort} (seed {result.seed}); "
          f"{result.already_there} were already there. {cohort} has {result.cohort_total} recruits.")
    return 0
