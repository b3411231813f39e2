"""The drift doctor, on real PostgreSQL: every kind of hand-made change, models ahead of the
migrations, the revision checks, exit codes, and the scratch database left behind by nobody."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from support.commands import alembic, run
from support.printed import assert_parses, commands_in, run_printed
from support.sql import execute, mark, rows, scalar

from dbkit import database, drift
from dbkit.cli import main as dbkit_main
from dbkit.cli.drift import main as drift_main
from dbkit.drift import checks, compare
from dbkit.pg.server import free_port


def target(url: str, env: str = "dev") -> database.Target:
    return database.Target(env, database.parse_url(url, "the test"), "the test")


def found(report: drift.Report, kind: str = drift.DATABASE) -> set[tuple]:
    return {(f.change, f.table, f.column) for f in report.of_kind(kind)}


def scratch_databases(url: str) -> list[str]:
    return [name for (name,) in rows(url, "SELECT datname FROM pg_database "
                                          f"WHERE starts_with(datname, '{drift.SCRATCH_PREFIX}')")]


def test_a_database_at_head_is_in_sync_and_checked_quickly(clone, monkeypatch, capsys):
    url = clone()
    monkeypatch.setenv("ENV", "dev")
    monkeypatch.setenv("DATABASE_URL", url)

    code = dbkit_main(["drift"])  # how long it takes is the benchmark's to measure, not a test's

    out = capsys.readouterr().out
    assert code == 0
    assert "In sync" in out
    assert scratch_databases(url) == []


def test_every_kind_of_hand_made_change_is_reported_with_its_table_and_column(clone):
    url = clone()
    execute(url,
            "ALTER TABLE recruits ADD COLUMN nickname TEXT",
            "ALTER TABLE recruits DROP COLUMN surname",
            "ALTER TABLE recruits ALTER COLUMN github_name TYPE VARCHAR(200)",
            "ALTER TABLE recruits ALTER COLUMN first_name DROP NOT NULL",
            "ALTER TABLE recruits ALTER COLUMN rocketchat_user SET DEFAULT 'unknown'",
            "ALTER TABLE recruits ADD CONSTRAINT uq_recruits_github_name UNIQUE (github_name)",
            "ALTER TABLE recruits DROP CONSTRAINT uq_recruits_personal_email_address",
            "CREATE INDEX ix_recruits_first_name ON recruits (first_name)",
            "ALTER TABLE recruits DROP CONSTRAINT fk_recruits_cohort_id_cohorts",
            "CREATE TABLE notes (id INTEGER PRIMARY KEY)")

    report = drift.check(target(url))

    assert found(report) == {
        ("column added", "recruits", "nickname"),
        ("column dropped", "recruits", "surname"),
        ("type changed", "recruits", "github_name"),
        ("nullability changed", "recruits", "first_name"),
        ("default changed", "recruits", "rocketchat_user"),
        ("unique constraint added", "recruits", None),
        ("unique constraint dropped", "recruits", None),
        ("index added", "recruits", None),
        ("foreign key dropped", "recruits", None),
        ("table added", "notes", None),
    }
    messages = "\n".join(f.message for f in report.findings)
    assert "column recruits.nickname (TEXT) exists in the database, but no migration up to " \
           "0008 created it" in messages
    assert "column recruits.github_name is VARCHAR(200) in the database, but the migrations " \
           "up to 0008 make it VARCHAR(100)" in messages
    assert "uq_recruits_github_name" in messages and "ix_recruits_first_name" in messages
    assert found(report, drift.MODELS) == set() and found(report, drift.REVISION) == set()
    assert scratch_databases(url) == []


def test_renames_dropped_indexes_and_dropped_tables_are_reported(clone):
    url = clone()
    execute(url,
            "ALTER TABLE recruits RENAME COLUMN github_name TO github_user",
            "DROP INDEX ix_recruits_cohort_id",
            "DROP TABLE archive.recruit_id_numbers")

    report = drift.check(target(url))

    assert found(report) == {("column renamed", "recruits", "github_user"),
                             ("index dropped", "recruits", None),
                             ("table dropped", "archive.recruit_id_numbers", None)}
    rename = next(f for f in report.findings if f.change == "column renamed")
    assert "probable hand-made rename of github_name to github_user" in rename.message
    assert "ALTER TABLE recruits RENAME COLUMN github_user TO github_name;" in rename.fix


def test_a_dropped_table_is_one_finding_not_one_per_constraint(clone):
    url = clone()
    execute(url, "DROP TABLE cohorts CASCADE")

    report = drift.check(target(url))

    assert found(report) == {("table dropped", "cohorts", None)}


def test_prod_fixes_never_drop_data(clone):
    url, prod = clone(), clone("prod")
    for database_url in (url, prod):
        execute(database_url, "ALTER TABLE recruits ADD COLUMN nickname TEXT",
                "ALTER TABLE recruits RENAME COLUMN github_name TO github_user",
                "ALTER TABLE cohorts ADD COLUMN started DATE",
                "ALTER TABLE cohorts DROP COLUMN name")

    fixes = {f.change: f.fix for f in drift.check(target(prod, env="prod")).findings}
    assert "ALTER TABLE cohorts ADD COLUMN name VARCHAR(100);" in fixes["column dropped"]
    assert "restore them from a backup" in fixes["column dropped"]

    assert "DROP" not in fixes["column added"]
    assert "ENV=prod alembic stamp" in fixes["column added"]
    assert "RENAME COLUMN github_user TO github_name" in fixes["column renamed"]
    dev_fixes = {f.change: f.fix for f in drift.check(target(url)).findings}
    assert "ALTER TABLE recruits DROP COLUMN nickname;" in dev_fixes["column added"]


def test_a_model_change_without_a_migration_is_reported_as_the_models_moving(clone, monkeypatch):
    moved = sa.MetaData(naming_convention=drift.models_metadata().naming_convention)
    for table in drift.models_metadata().tables.values():
        table.to_metadata(moved)
    moved.tables["recruits"].append_column(sa.Column("nickname", sa.String(50), nullable=True))
    monkeypatch.setattr(checks, "models_metadata", lambda: moved)

    report = drift.check(target(clone()))

    assert found(report, drift.MODELS) == {("column added", "recruits", "nickname")}
    assert found(report) == set()
    finding = report.of_kind(drift.MODELS)[0]
    assert finding.message == ("the models have column recruits.nickname (VARCHAR(50)), "
                               "but no migration creates it")
    assert "alembic revision --autogenerate" in finding.fix


def test_pending_unknown_and_missing_revisions_are_reported(clone, pg_server):
    behind = clone()
    alembic("downgrade", "0006", url=behind)
    report = drift.check(target(behind))
    assert found(report, drift.REVISION) == {("pending", None, None)}
    assert "2 migrations are pending: 0007" in report.findings[0].message
    assert found(report) == set()

    teammate = clone()
    execute(teammate, "UPDATE alembic_version SET version_num = '0009'")
    report = drift.check(target(teammate))
    assert found(report, drift.REVISION) == {("unknown revision", None, None)}
    assert "0009, a revision the chain in use (alembic.ini) does not have" \
        in report.findings[0].message


def test_tables_made_without_any_migration_are_reported(pg_server):
    name = f"t_create_all_{free_port()}"
    pg_server.create_database(name, template="template0")
    url = pg_server.url_for(name)
    try:
        engine = sa.create_engine(url)
        drift.models_metadata().create_all(engine)  # what a learner does instead of migrating
        engine.dispose()

        report = drift.check(target(url))
    finally:
        pg_server.drop_database(name)

    assert found(report) == {("table added", "recruits", None), ("table added", "cohorts", None)}
    assert "table recruits exists in the database, but no migration created it" in \
        [f.message for f in report.findings]
    assert found(report, drift.REVISION) == {("pending", None, None)}
    assert "was never migrated: 8 migrations are pending" in report.of_kind(drift.REVISION)[0].message


def test_json_gives_the_same_findings(clone, monkeypatch, capsys):
    url = clone()
    execute(url, "ALTER TABLE recruits ADD COLUMN nickname TEXT")
    monkeypatch.setenv("ENV", "dev")
    monkeypatch.setenv("DATABASE_URL", url)

    code = drift_main(["--json"])

    data = json.loads(capsys.readouterr().out)
    assert code == 1
    assert data["in_sync"] is False and data["stamped"] == "0008"
    assert [(f["kind"], f["change"], f["table"], f["column"]) for f in data["findings"]] == \
        [("database", "column added", "recruits", "nickname")]


def test_an_unreachable_database_exits_2_with_the_reason(monkeypatch, capsys):
    monkeypatch.setenv("ENV", "dev")
    monkeypatch.setenv("DATABASE_URL", f"postgresql://u:secret@127.0.0.1:{free_port()}/x")

    code = dbkit_main(["drift"])

    err = capsys.readouterr().err
    assert code == 2
    assert "is not running" in err and "secret" not in err and "Traceback" not in err


def test_the_scratch_database_is_dropped_when_the_check_fails_midway(clone, monkeypatch, capsys):
    url = clone()
    monkeypatch.setenv("ENV", "dev")
    monkeypatch.setenv("DATABASE_URL", url)
    seen = []

    def fail(live, scratch):  # the server fails the comparison midway
        seen.extend(scratch_databases(url))
        raise sa.exc.OperationalError("SELECT ...", None, Exception("boom"))

    monkeypatch.setattr(compare, "against_revision", fail)
    code = dbkit_main(["drift"])

    assert len(seen) == 1, "the scratch database existed while checking"
    assert code == 2
    assert "error: could not check the dev database" in capsys.readouterr().err
    assert scratch_databases(url) == []


def test_the_checked_database_is_opened_read_only(clone):
    url = clone()
    engine = drift.read_only_engine(target(url))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW default_transaction_read_only").scalar() == "on"
        with pytest.raises(sa.exc.InternalError, match="read-only"):
            conn.exec_driver_sql("CREATE TABLE t (id int)")
    engine.dispose()


def test_seeding_a_drifted_database_stops_before_writing_and_names_the_drift(clone):
    url = clone()
    execute(url, "ALTER TABLE recruits RENAME COLUMN rocketchat_user TO chatname")

    result = run("create_c26_recruits.py", "--seed", "1", url=url, env={"ENV": "dev"})

    assert result.returncode == 2
    # Which side moved: the database, by hand (its revision makes rocketchat_user).
    assert "was changed by hand: column recruits.rocketchat_user is missing and " \
           "recruits.chatname (VARCHAR(100)) exists instead" in result.stderr
    assert "probable hand-made rename of rocketchat_user to chatname" in result.stderr
    assert "UndefinedColumn" not in result.stderr and "Traceback" not in result.stderr
    assert scalar(url, "SELECT count(*) FROM recruits") == 10
    assert scalar(url, "SELECT count(*) FROM cohorts") == 1


@pytest.mark.slow
def test_upgrading_a_drifted_prod_refuses_and_the_printed_command_upgrades_it(clone):
    url = clone()
    alembic("downgrade", "0004", url=url)
    execute(url, "ALTER TABLE recruits ADD COLUMN cohort VARCHAR(100)")
    mark(url, "prod")

    refused = run("alembic", "upgrade", "head", url=url, env={"ENV": "prod"})
    assert refused.returncode == 1
    assert "refusing to upgrade" in refused.stderr
    assert "column recruits.cohort (VARCHAR(100)) exists in the database" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert scalar(url, "SELECT version_num FROM alembic_version") == "0004"

    printed = [c for c in commands_in(refused.stderr) if "allow_drift" in c]
    assert printed == ["ENV=prod alembic -x allow_drift=yes upgrade head"]
    result = run_printed(printed[0], url)  # as printed: it takes the backup too
    assert result.returncode == 0, result.stderr
    assert scalar(url, "SELECT version_num FROM alembic_version") == "0008"
    assert scalar(url, "SELECT count(*) FROM recruits") == 10


def test_a_drifted_dev_upgrade_only_warns(clone):
    url = clone()
    alembic("downgrade", "0004", url=url)
    execute(url, "ALTER TABLE recruits ADD COLUMN cohort VARCHAR(100)")

    warned = run("alembic", "upgrade", "head", url=url, env={"ENV": "dev"})
    assert warned.returncode == 0, warned.stderr
    assert "warning:" in warned.stderr and "recruits.cohort" in warned.stderr
    assert scalar(url, "SELECT version_num FROM alembic_version") == "0008"


@pytest.mark.slow
def test_every_command_drift_prints_is_accepted_as_printed(clone, monkeypatch, capsys):
    printed = []
    for env in ("dev", "prod"):
        url = clone(env)
        execute(url, "ALTER TABLE recruits ADD COLUMN nickname TEXT",
                "ALTER TABLE recruits RENAME COLUMN github_name TO github_user",
                "ALTER TABLE cohorts DROP COLUMN name",
                "ALTER TABLE recruits ALTER COLUMN first_name DROP NOT NULL",
                "UPDATE alembic_version SET version_num = '0007'")  # and a migration pending
        monkeypatch.setenv("ENV", env)
        monkeypatch.setenv("DATABASE_URL", url)
        capsys.readouterr()
        assert dbkit_main(["drift"]) == 1
        printed += commands_in(capsys.readouterr().out)

    assert {"ENV=dev alembic upgrade head", "ENV=prod alembic -x allow_drift=yes upgrade head",
            "python -m dbkit reset dev"} <= set(printed)
    for command in printed:
        assert_parses(command)
