"""Who the seeding scripts add: reproducible people, drawn from Faker's own name lists.

The same cohort and seed give the same people, in the same order, at any count
(the first 5 of 1,000 are the 5 of 5). Faker is slow per call, so each run samples
pools of first names and surnames once from Faker's lists (kept in
``faker_names.json``) and draws each person from one seeded ``random.Random``, its
words in bulk (:func:`draws`). ``dbkit.exercise.seeding`` writes them.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

LOCALES = ("zu_ZA", "en_IE", "fr_FR", "de_DE", "en_US")
NAMES_PER_LOCALE = 100
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")  # reserved (RFC 2606)


class Person(NamedTuple):
    """One recruit's fields; a plain tuple, so csv writes it without conversion."""

    first_name: str
    surname: str
    rocketchat_user: str
    github_name: str
    personal_email_address: str


def ascii_slug(text: str) -> str:
    """'Zoë O'Brien' -> 'zoeobrien': for user names and email local parts."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower()) or "recruit"


def name_pools(seed_text: str) -> tuple[list[str], list[str]]:
    """First names and surnames from several locales, sampled once per run.

    Faker's own lists (its person providers), drawn as ``Faker(locale,
    use_weighting=False)`` seeded with ``seed_text:locale`` draws them with
    ``first_name()`` and ``last_name()`` (``random.choice`` over the list), without
    making five whole ``Faker`` objects (about 0.1 s).
    """
    first_names: list[str] = []
    surnames: list[str] = []
    for locale, (firsts, lasts) in zip(LOCALES, faker_names(), strict=True):
        pick = random.Random(f"{seed_text}:{locale}").choice
        first_names += [pick(firsts) for _ in range(NAMES_PER_LOCALE)]
        surnames += [pick(lasts) for _ in range(NAMES_PER_LOCALE)]
    return first_names, surnames


NAMES_PATH = Path(__file__).resolve().parent / "faker_names.json"


def faker_names() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each of ``LOCALES``' first names and surnames, as Faker's person providers list them.

    From ``faker_names.json`` (written by :func:`write_faker_names`) while the installed
    Faker's provider files are the ones it was taken from, so a run need not import
    Faker at all (0.07 s of CPU on a quiet machine); else from Faker.
    """
    import json

    try:
        kept = json.loads(NAMES_PATH.read_text(encoding="utf-8"))
        if kept["files"] == provider_file_digests():
            return [(tuple(kept["names"][locale][0]), tuple(kept["names"][locale][1]))
                    for locale in LOCALES]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return faker_names_from_faker()


def faker_names_from_faker() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    from importlib import import_module

    lists = []
    for locale in LOCALES:
        provider = import_module(f"faker.providers.person.{locale}").Provider
        lists.append((tuple(provider.first_names), tuple(provider.last_names)))  # dicts: keys
    return lists


def provider_file_digests() -> dict[str, str] | None:
    """The SHA-256 of each of ``LOCALES``' Faker person provider files, found without
    importing Faker; None without Faker."""
    from importlib.util import find_spec

    spec = find_spec("faker")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(spec.submodule_search_locations[0]) / "providers" / "person"
    try:
        return {locale: hashlib.sha256((folder / locale / "__init__.py").read_bytes()).hexdigest()
                for locale in LOCALES}
    except OSError:
        return None


def write_faker_names(path: Path = NAMES_PATH) -> None:
    """Write ``faker_names.json`` from the installed Faker (after a change of Faker's version:
    ``python -c 'from dbkit.exercise import people; people.write_faker_names()'``)."""
    import json
    from importlib.metadata import version

    names = dict(zip(LOCALES, faker_names_from_faker(), strict=True))
    path.write_text(json.dumps({
        "about": f"Faker {version('Faker')}'s first and last names (MIT licence, "
                 "faker.providers.person.<locale>), for dbkit.exercise.seeding.faker_names",
        "files": provider_file_digests(),
        "names": {locale: [list(firsts), list(lasts)] for locale, (firsts, lasts) in names.items()},
    }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


# Per person, in turn, the draws ``people`` makes: first name, surname, the chat
# handle's number, the GitHub name's number, the email domain.
HANDLE_NUMBERS = 100
GITHUB_NUMBERS = 1_000
BATCH = 2_000  # people made at a time


def draws(rng: random.Random, bounds: Sequence[int], batch: int = BATCH) -> Iterator[list[int]]:
    """Endless batches of ``rng.randrange(b)`` for each ``b`` of ``bounds`` in turn (a
    person's draws, ``batch`` people a batch, flat), the very numbers those calls return.

    ``random.Random`` draws ``randrange(n)`` (and ``choice`` of ``n`` items) as the top
    ``n.bit_length()`` bits of its next 32-bit word, drawing again while they are ``n``
    or more; ``getrandbits(32 * m)`` is the next ``m`` words, first word lowest. So the
    words come in bulk and only the check runs per draw.
    """
    if not all(0 < bound < 1 << 32 for bound in bounds):  # one word a draw
        raise ValueError("every bound must be between 1 and 2**32 - 1")
    shifts = [32 - bound.bit_length() for bound in bounds]
    fields = len(bounds)
    needed = batch * fields
    values: list[int] = []
    field = 0
    while True:
        words = needed - len(values) + needed // 4 + 64  # and some for rejected words
        chunk = array("I", rng.getrandbits(32 * words).to_bytes(4 * words, "little"))
        if sys.byteorder == "big":
            chunk.byteswap()
        for word in chunk:
            value = word >> shifts[field]
            if value < bounds[field]:
                values.append(value)
                field = field + 1 if field + 1 < fields else 0
        while len(values) >= needed:
            yield values[:needed]
            del values[:needed]


class Pools(NamedTuple):
    """What ``people`` picks from: each name with its slug, and the address's parts."""

    first_names: list[tuple[str, str]]
    surnames: list[tuple[str, str]]
    tag: str


def pools(cohort: str, seed: int) -> Pools:
    first_names, surnames = ([(name, ascii_slug(name)) for name in pool]
                             for pool in name_pools(f"{cohort}:{seed}"))
    return Pools(first_names, surnames, email_tag(cohort, seed))


def batches(cohort: str, seed: int, batch: int = BATCH) -> Iterator[tuple[int, list[int]]]:
    """The draws of the people of ``cohort`` and ``seed``, ``batch`` people at a time, each
    batch with the number of the person before its first (the same people whatever
    ``batch``: it only says how many words are drawn ahead)."""
    rng = random.Random(f"{cohort}:{seed}")
    made = 0
    for values in draws(rng, (NAMES_PER_LOCALE * len(LOCALES), NAMES_PER_LOCALE * len(LOCALES),
                              HANDLE_NUMBERS, GITHUB_NUMBERS, len(EMAIL_DOMAINS)), batch):
        yield made, values
        made += batch


def people(cohort: str, seed: int) -> Iterator[Person]:
    """The endless, reproducible sequence of people for ``cohort`` and ``seed``.

    Each person is drawn from one ``random.Random(f"{cohort}:{seed}")``: a first name
    and a surname (``choice`` of the pools), ``randrange(100)`` for the chat handle,
    ``randrange(1000)`` for the GitHub name, ``choice`` of the email domains.
    """
    firsts, lasts, tag = pools(cohort, seed)
    for made, values in batches(cohort, seed):
        numbers = itertools.count(made + 1)
        for f, s, chat, github, domain in zip(*(iter(values),) * 5, strict=True):
            (first, first_slug), (last, last_slug) = firsts[f], lasts[s]
            handle = f"{first_slug}.{last_slug}"
            yield Person(first, last, f"{handle}{chat}", f"{first_slug}-{last_slug}{github}",
                         f"{handle}+{tag}-{next(numbers)}@{EMAIL_DOMAINS[domain]}")


def email_tag(cohort: str, seed: int) -> str:
    """The part of every address that names its cohort and seed: ``c26dataeng-42``."""
    return f"{ascii_slug(cohort)}-{seed}"


def generate(cohort: str, seed: int, count: int) -> list[Person]:
    return list(itertools.islice(people(cohort, seed), count))


def csv_field(text: str) -> str:
    """``text`` as one field of PostgreSQL's CSV: quoted when it must be (and when empty,
    which unquoted would be NULL)."""
    if text and not any(c in text for c in ',"\r\n\\') and text.strip() == text:
        return text
    return '"' + text.replace('"', '""') + '"'
