"""A migration killed inside a revision: drift says which revision, at which step, and the one
command that finishes it, never 'changed by hand'; that command, run as printed, finishes it."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from support.commands import alembic
from support.printed import commands_in, run_printed
from support.sql import execute, scalar

from dbkit.cli import main as dbkit_main
from dbkit.state import progress


@pytest.mark.slow
def test_an_interrupted_revision_is_reported_with_the_command_that_finishes_it(
        clone, monkeypatch, capsys):
    url = clone("prod")
    monkeypatch.setenv("ENV", "prod")
    alembic("-x", "confirm=prod", "-x", "backup=off", "downgrade", "0007", url=url)
    # Where a run of 0008 killed in its backfill leaves prod: the cohorts table made and filled,
    # recruits.cohort_id added but not filled, the step recorded, still stamped 0007.
    execute(url,
            "CREATE TABLE cohorts (id SERIAL CONSTRAINT pk_cohorts PRIMARY KEY, "
            "name VARCHAR(100) NOT NULL CONSTRAINT uq_cohorts_name UNIQUE)",
            "INSERT INTO cohorts (name) SELECT DISTINCT cohort FROM recruits",
            "ALTER TABLE recruits ADD COLUMN cohort_id INTEGER")
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        progress.record(connection, "0008", 1, 4, "backfill_in_batches recruits",
                        "ENV=prod alembic upgrade head")
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)

    capsys.readouterr()
    assert dbkit_main(["drift", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)

    assert [(f["kind"], f["change"]) for f in report["findings"]] == [("revision", "interrupted")]
    finding = report["findings"][0]
    assert "revision 0008 (Move cohorts into a cohorts table) was interrupted at step 1 of 4" \
        in finding["message"]
    assert "between 0007 and 0008" in finding["message"] and "not changed by hand" in \
        finding["message"]
    assert commands_in(finding["fix"]) == ["ENV=prod alembic upgrade head"]

    result = run_printed(commands_in(finding["fix"])[0], url)  # as printed, on prod
    assert result.returncode == 0, result.stderr
    assert scalar(url, "SELECT version_num FROM alembic_version") == "0008"
    assert scalar(url, "SELECT count(*) FROM recruits WHERE cohort_id IS NULL") == 0
    assert dbkit_main(["drift"]) == 0
