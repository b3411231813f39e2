"""The exercise's three situations, replayed on real PostgreSQL: applied to a dev at head, drift
reports exactly the hand-made change; the documented recovery brings dev back in sync; prod
reaches head with every earlier row intact and gets the new cohort's recruits."""

from __future__ import annotations

import importlib
import json

import pytest
from support.commands import alembic
from support.sql import C25_ROWS, execute, mark, rows, scalar

from dbkit.cli import drift as drift_command
from dbkit.cli import main as dbkit_main
from dbkit.cli import situation as situation_cli
from dbkit.exercise import situations

EXPECTED = {
    1: ("column added", "recruits", "cohort"),
    2: ("column renamed", "recruits", "rocketchat_user"),
    3: ("column dropped", "recruits", "id_number"),
}
RECRUITS = "SELECT id, first_name, surname, github_name, personal_email_address " \
           "FROM recruits ORDER BY id"


def use(monkeypatch, url: str, env: str) -> None:
    monkeypatch.setenv("ENV", env)
    monkeypatch.setenv("DATABASE_URL", url)


def drift_json(capsys) -> tuple[int, dict]:
    capsys.readouterr()
    code = drift_command.main(["--json"])
    return code, json.loads(capsys.readouterr().out)


def recover(situation: situations.Situation, url: str) -> None:
    """Follow the situation's documented recovery, as a learner types it."""
    for step in situation.recovery:
        if step.startswith("psql: "):
            execute(url, step.removeprefix("psql: "))
        else:
            alembic(*step.split()[1:], url=url)


def seed(situation: situations.Situation) -> int:
    return importlib.import_module(situation.script.removesuffix(".py")).main(["--seed", "7"])


@pytest.mark.slow  # the same steps run in `make walkthrough` too
@pytest.mark.parametrize("number", sorted(situations.SITUATIONS))
def test_situation_is_reported_recovered_and_prod_gets_the_new_cohort(number, clone, monkeypatch,
                                                                     capsys):
    situation = situations.SITUATIONS[number]
    dev, prod = clone(), clone()

    use(monkeypatch, dev, "dev")
    assert situation_cli.main([str(number)]) == 0
    out = capsys.readouterr().out
    assert all(f"dev=# {sql}" in out for sql in situation.sql)

    code, report = drift_json(capsys)
    assert code == 1
    hand_made = [f for f in report["findings"] if f["kind"] == "database"]
    assert [(f["change"], f["table"], f["column"]) for f in hand_made] == [EXPECTED[number]]
    assert {f["change"] for f in report["findings"] if f["kind"] != "database"} == {"pending"}
    if number == 2:
        assert "revision 0006 makes exactly this change" in hand_made[0]["fix"]

    recover(situation, dev)
    code, report = drift_json(capsys)
    assert (code, report["findings"]) == (0, [])
    assert seed(situation) == 0

    alembic("downgrade", situation.before, url=prod)
    mark(prod, "prod")
    earlier = rows(prod, RECRUITS)
    use(monkeypatch, prod, "prod")
    alembic("upgrade", "head", url=prod)
    assert seed(situation) == 0

    assert rows(prod, RECRUITS)[:len(earlier)] == earlier
    assert scalar(prod, "SELECT count(*) FROM recruits JOIN cohorts ON cohorts.id = cohort_id "
                        f"WHERE cohorts.name = '{situation.cohort}'") == 5
    assert scalar(prod, "SELECT count(*) FROM archive.recruit_id_numbers") == len(C25_ROWS)
    code, report = drift_json(capsys)
    assert (code, report["findings"]) == (0, [])


def test_situations_refuse_prod_and_change_nothing(clone, monkeypatch, capsys):
    url = clone()
    use(monkeypatch, url, "prod")

    code = dbkit_main(["situation", "1"])

    err = capsys.readouterr().err
    assert code == 2
    assert "never done to prod: run with ENV=dev (nothing was changed)" in err
    assert scalar(url, "SELECT version_num FROM alembic_version") == "0008"
    assert scalar(url, "SELECT count(*) FROM information_schema.columns "
                       "WHERE table_name = 'recruits' AND column_name = 'cohort'") == 0


def test_a_situation_on_an_already_changed_dev_says_how_to_start_over(clone, monkeypatch, capsys):
    url = clone()
    use(monkeypatch, url, "dev")
    assert situation_cli.main(["3"]) == 0

    code = dbkit_main(["situation", "3"])

    assert code == 2
    assert "start it over with `python -m dbkit reset dev`" in capsys.readouterr().err
