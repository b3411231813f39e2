"""The checks' shared preamble (checks.needs_run / needs_head): no run, no recruits table."""

from __future__ import annotations

from pathlib import Path

from dbkit.grade.checks import grade_checks
from dbkit.grade.collect import Facts
from dbkit.grade.verdicts import FAIL
from dbkit.review.run import ChainRun

NEEDS_HEAD = {"email-required-unique", "rocketchat-renamed", "id-number-removed",
              "cohorts-table"}
NEEDS_RUN = NEEDS_HEAD | {"chain-runs-empty", "chain-runs-populated", "cohort-values-kept",
                          "downgrades-work"}


def test_without_a_run_every_check_of_the_chain_fails_saying_why(tmp_path: Path) -> None:
    facts = Facts(str(tmp_path), tmp_path, problem="no Alembic revisions found")
    checks = {c.id: c for c in grade_checks(facts)}
    for name in NEEDS_RUN:
        assert (checks[name].verdict, checks[name].summary) == \
            (FAIL, "no chain to run: no Alembic revisions found"), name


def test_a_head_without_a_recruits_table_fails_the_checks_of_the_head(tmp_path: Path) -> None:
    facts = Facts(str(tmp_path), tmp_path, run=ChainRun(str(tmp_path), [], "nobody"), schema={})
    checks = {c.id: c for c in grade_checks(facts)}
    for name in NEEDS_HEAD:
        assert (checks[name].verdict, checks[name].summary) == \
            (FAIL, "no table at head looks like the recruits table (tables: none)"), name
    assert checks["chain-runs-empty"].summary == "all 0 revisions apply from an empty database"
