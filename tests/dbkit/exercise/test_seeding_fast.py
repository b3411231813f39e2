"""The fast way of making people (words drawn in bulk, COPY's lines made straight: dbkit.exercise
people and seeding) makes exactly what the plain way makes: random.Random's own calls, csv's rows."""

from __future__ import annotations

import csv
import io
import itertools
import random

import pytest

from dbkit.exercise import people as people_module
from dbkit.exercise import seeding

FINAL_COLUMNS = {"id", "first_name", "surname", "rocketchat_user", "github_name",
                 "personal_email_address", "cohort_id"}


@pytest.mark.parametrize("bounds", [(500, 500, 100, 1000, 3), (1,), (3, 5, 7), (2**31 + 1, 2),
                                    (2**32 - 1, 17)])
def test_draws_are_the_numbers_randrange_returns(bounds):
    drawn = list(itertools.islice(people_module.draws(random.Random("x:1"), bounds, batch=300), 3))
    plain = random.Random("x:1")

    expected = [plain.randrange(bound) for _ in range(3 * 300) for bound in bounds]
    assert [value for batch in drawn for value in batch] == expected


def test_a_bound_past_32_bits_is_refused():
    with pytest.raises(ValueError, match="between 1 and 2\\*\\*32 - 1"):
        next(people_module.draws(random.Random(1), (2**32,)))


def test_people_are_drawn_as_random_choice_and_randrange_draw_them():
    firsts, lasts = ([(name, people_module.ascii_slug(name)) for name in pool]
                     for pool in people_module.name_pools("C26 Data Eng:42"))
    rng = random.Random("C26 Data Eng:42")
    tag = people_module.email_tag("C26 Data Eng", 42)
    expected = []
    for number in range(1, 2_501):
        (first, f), (last, s) = rng.choice(firsts), rng.choice(lasts)
        expected.append(people_module.Person(first, last, f"{f}.{s}{rng.randrange(100)}",
                                       f"{f}-{s}{rng.randrange(1000)}",
                                       f"{f}.{s}+{tag}-{number}@{rng.choice(people_module.EMAIL_DOMAINS)}"))

    assert seeding.generate("C26 Data Eng", 42, 2_500) == expected


def test_the_kept_name_lists_are_the_installed_fakers_own():
    # faker_names.json spares every run importing Faker; it must be Faker's lists exactly.
    # After a change of Faker: .venv/bin/python -c 'from dbkit.exercise import seeding;
    # people.write_faker_names()'
    import json

    kept = json.loads(people_module.NAMES_PATH.read_text(encoding="utf-8"))
    assert kept["files"] == people_module.provider_file_digests(), "faker_names.json is stale"
    assert people_module.faker_names() == people_module.faker_names_from_faker()


def test_name_pools_are_what_seeded_faker_draws():
    from faker import Faker

    first_names, surnames = people_module.name_pools("C25 Data Eng:7")
    for number, locale in enumerate(people_module.LOCALES):
        fake = Faker(locale, use_weighting=False)
        fake.seed_instance(f"C25 Data Eng:7:{locale}")
        at = slice(number * people_module.NAMES_PER_LOCALE, (number + 1) * people_module.NAMES_PER_LOCALE)
        assert first_names[at] == [fake.first_name() for _ in range(people_module.NAMES_PER_LOCALE)]
        assert surnames[at] == [fake.last_name() for _ in range(people_module.NAMES_PER_LOCALE)]


def parsed(lines) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(text for text, _rows in lines))))


def plain_rows(cohort, seed, count, extra, cohort_id, skip=frozenset(), columns=FINAL_COLUMNS):
    row = seeding.row_maker(cohort, extra, cohort_id)
    return [[str(value) for value in row(p)] for p in seeding.generate(cohort, seed, count)
            if not seeding.keys_of(p, columns) & skip]


@pytest.mark.parametrize("count", [1, 5, 1_999, 2_000, 4_321])
def test_copys_lines_are_the_rows_of_the_people(count):
    lines = list(seeding.Recruits("C25 Data Eng", 3, count).csv(
        ["personal_email_address"], 12, frozenset(), FINAL_COLUMNS))

    assert parsed(lines) == plain_rows("C25 Data Eng", 3, count, ["personal_email_address"], 12)
    assert sum(rows for _text, rows in lines) == count


def test_names_with_csvs_special_characters_come_out_whole(monkeypatch):
    odd = ('José, Jr.', 'van "the" Berg', "back\\slash", " spaced ", "two\nlines", "O'Brien")
    monkeypatch.setattr(people_module, "faker_names", lambda: [(odd, odd)] * len(people_module.LOCALES))
    cohort = 'C29, "quoted"'
    lines = list(seeding.Recruits(cohort, 1, 300).csv(
        ["personal_email_address", "cohort"], None, frozenset(), FINAL_COLUMNS | {"cohort"}))

    rows = parsed(lines)
    assert rows == plain_rows(cohort, 1, 300, ["personal_email_address", "cohort"], None)
    assert {row[0] for row in rows} <= set(odd) and {row[-1] for row in rows} == {cohort}


def test_people_already_there_are_left_out_by_address_or_by_name():
    made = seeding.generate("C26 Data Eng", 9, 50)
    skip = {made[3].personal_email_address,
            (made[7].first_name, made[7].surname, made[7].github_name)}
    lines = list(seeding.Recruits("C26 Data Eng", 9, 50).csv(
        ["personal_email_address"], 4, skip, FINAL_COLUMNS))

    assert parsed(lines) == plain_rows("C26 Data Eng", 9, 50, ["personal_email_address"], 4, skip)
    assert sum(rows for _text, rows in lines) == 50 - len(
        [p for p in made if seeding.keys_of(p, FINAL_COLUMNS) & skip])


def test_the_older_models_id_number_is_written_the_plain_way():
    columns = {"first_name", "surname", "chatname", "github_name", "id_number"}
    lines = list(seeding.Recruits("C25 Data Eng", 2, 30).csv(["id_number"], None, frozenset(),
                                                            columns))

    assert parsed(lines) == plain_rows("C25 Data Eng", 2, 30, ["id_number"], None, columns=columns)


def test_copys_lines_tell_their_progress(monkeypatch):
    monkeypatch.setattr(seeding, "PROGRESS_FROM", 5)
    monkeypatch.setattr(seeding, "BATCH", 4)
    told: list[int] = []
    lines = list(seeding.Recruits("C26 Data Eng", 3, 12, told.append).csv(
        ["personal_email_address"], 1, frozenset(), FINAL_COLUMNS))

    assert told == [5, 10, 12]
    assert parsed(lines) == plain_rows("C26 Data Eng", 3, 12, ["personal_email_address"], 1)


def test_writing_the_name_lists_again_gives_the_kept_file(tmp_path):
    people_module.write_faker_names(tmp_path / "names.json")

    assert (tmp_path / "names.json").read_text(encoding="utf-8") == \
        people_module.NAMES_PATH.read_text(encoding="utf-8")


def test_a_seeding_run_imports_mako_without_pygments(database_url, tmp_path):
    import shutil

    from support.commands import PROJECT_ROOT, alembic, run

    alembic("upgrade", "head", url=database_url)
    # A copy of the chain, never seen: the full guards run (dbkit.drift.known), with Alembic.
    shutil.copytree(PROJECT_ROOT / "migrations", tmp_path / "migrations",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_ROOT / "alembic.ini", tmp_path / "alembic.ini")
    chain = {"ALEMBIC_CONFIG": str(tmp_path / "alembic.ini")}
    result = run("-X", "importtime", "create_recruits.py", "--count", "3", "--seed", "1",
                 url=database_url, env=chain)

    assert result.returncode == 0, result.stderr[-2000:]
    assert "Wrote 3 new recruits" in result.stdout
    assert "mako.exceptions" in result.stderr  # Alembic's Mako is there, and still works
    assert "pygments" not in result.stderr

    # The same schema again: its guards' verdict is recorded, and neither is imported.
    again = run("-X", "importtime", "create_recruits.py", "--count", "3", "--seed", "2",
                url=database_url, env=chain)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "Wrote 3 new recruits" in again.stdout
    assert "mako" not in again.stderr and "pygments" not in again.stderr
