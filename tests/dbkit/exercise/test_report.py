"""``python -m dbkit report``: the library reads the figures, the command prints them."""

from __future__ import annotations

from support.commands import run
from support.sql import execute

from dbkit.exercise.report import report


def env_dir(tmp_path, dev_url: str, prod_url: str) -> dict[str, str]:
    for env, url in (("dev", dev_url), ("prod", prod_url)):
        (tmp_path / f".env.{env}").write_text(f"DATABASE_URL={url}\n")
    return {"DBKIT_ENV_DIR": str(tmp_path)}


def test_the_report_counts_recruits_per_cohort_at_head_and_says_when_not_at_head(
        clone, tmp_path, monkeypatch):
    dev, prod = clone(), clone("prod")
    execute(prod, "UPDATE alembic_version SET version_num = '0007'")
    monkeypatch.setenv("DBKIT_ENV_DIR", env_dir(tmp_path, dev, prod)["DBKIT_ENV_DIR"])

    at_head = report("dev")
    assert (at_head.revision, at_head.at_head, at_head.cohorts) == \
        ("0008", True, [("C25 Data Eng", 10)])
    behind = report("prod")
    assert (behind.revision, behind.at_head, behind.cohorts) == ("0007", False, [])

    result = run("-m", "dbkit", "report", env=env_dir(tmp_path, dev, prod))
    assert result.returncode == 0, result.stderr
    assert "C25 Data Eng" in result.stdout and "10" in result.stdout
    assert "not at head: run `ENV=prod alembic upgrade head`" in result.stdout
