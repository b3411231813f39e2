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
import random
import re
import secrets
import sys
import unicodedata
from dataclasses import astuple, dataclass, fields
from typing import Iterator, Sequence

from dbkit.database import DbkitError

LOCALES = ("zu_ZA", "en_IE", "fr_FR", "de_DE", "en_US")
NAMES_PER_LOCALE = 100
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")  # reserved (RFC 2606)
MAX_COUNT = 10_000_000
PROGRESS_FROM = 10_000  # show a progress bar from this many recruits


@dataclass(frozen=True)
class Person:
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
    first_names, surnames = name_pools(seed_text)
    rng = random.Random(seed_text)
    tag = f"{ascii_slug(cohort)}-{seed}"
    number = 0
    while True:
        number += 1
        first, last = rng.choice(first_names), rng.choice(surnames)
        handle = f"{ascii_slug(first)}.{ascii_slug(last)}"
        yield Person(
            first_name=first,
            surname=last,
            rocketchat_user=f"{handle}{rng.randrange(100)}",
            github_name=f"{ascii_slug(first)}-{ascii_slug(last)}{rng.randrange(1000)}",
            personal_email_address=f"{handle}+{tag}-{number}@{rng.choice(EMAIL_DOMAINS)}",
        )


def generate(cohort: str, seed: int, count: int) -> list[Person]:
    source = people(cohort, seed)
    return [next(source) for _ in range(count)]


def insert_recruits(connection, cohort: str, recruits: Sequence[Person]) -> int:
    """Add ``recruits`` to ``cohort`` (created if new); returns how many were new.

    Rows go through COPY into a temporary table, then one INSERT ... SELECT
    that skips addresses already in the table. Runs in the caller's transaction.
    """
    import sqlalchemy as sa
    from sqlalchemy.dialects.postgresql import insert

    from models import Cohort, Recruit

    cohort_id = connection.execute(
        insert(Cohort).values(name=cohort)
        .on_conflict_do_nothing(index_elements=[Cohort.name])
        .returning(Cohort.id)).scalar()
    if cohort_id is None:
        cohort_id = connection.execute(sa.select(Cohort.id).where(Cohort.name == cohort)).scalar_one()

    columns = [f.name for f in fields(Person)]
    staging = sa.table("staged_recruits", *(sa.column(c) for c in columns))
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE staged_recruits ON COMMIT DROP "
        f"AS SELECT {', '.join(columns)} FROM recruits WITH NO DATA")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(astuple(p) for p in recruits)
    buffer.seek(0)
    cursor = connection.connection.cursor()
    cursor.copy_expert(f"COPY staged_recruits ({', '.join(columns)}) FROM STDIN WITH (FORMAT csv)",
                       buffer)
    cursor.close()

    copied = sa.select(*(staging.c[c] for c in columns), sa.literal(cohort_id))
    result = connection.execute(
        insert(Recruit).from_select([*columns, "cohort_id"], copied)
        .on_conflict_do_nothing(index_elements=[Recruit.personal_email_address]))
    connection.exec_driver_sql("DROP TABLE staged_recruits")
    return result.rowcount


def count_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_COUNT:,}, not {value}")
    return value


def seed_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def generate_with_progress(cohort: str, seed: int, count: int) -> list[Person]:
    if count < PROGRESS_FROM or not sys.stderr.isatty():
        return generate(cohort, seed, count)
    from rich.progress import Progress

    source = people(cohort, seed)
    result: list[Person] = []
    with Progress(transient=True) as progress:
        task = progress.add_task(f"Making {count:,} {cohort} recruits", total=count)
        while len(result) < count:
            step = min(PROGRESS_FROM, count - len(result))
            result += [next(source) for _ in range(step)]
            progress.advance(task, step)
    return result


def seed(cohort: str, count: int, seed_value: int) -> SeedResult:
    """Add ``count`` recruits to ``cohort`` in the database named by ``ENV``, in one transaction."""
    import sqlalchemy as sa

    from dbkit import database, drift, guard, revisions
    from models import Cohort, Recruit

    target = database.resolve()
    database.announce(target)
    engine = database.create_engine(target)
    try:
        with database.connect(engine, target) as connection:
            # One transaction: an error or a kill midway writes nothing.
            guard.require_environment(connection, target)
            revisions.require_head(connection, target)
            drift.require_no_drift(connection, target)  # not a raw UndefinedColumn later
            recruits = generate_with_progress(cohort, seed_value, count)
            written = insert_recruits(connection, cohort, recruits)
            total = connection.execute(
                sa.select(sa.func.count()).select_from(Recruit).join(Cohort)
                .where(Cohort.name == cohort)).scalar_one()
            connection.commit()
    finally:
        engine.dispose()
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
    except DbkitError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(f"Wrote {result.written} new recruits to {cohort} (seed {result.seed}); "
          f"{result.already_there} were already there. {cohort} has {result.cohort_total} recruits.")
    return 0
