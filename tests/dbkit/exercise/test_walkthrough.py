"""The whole exercise: every step of the brief in order with ``python -m dbkit step ID --do``,
and ``python -m dbkit drift`` on dev and the rehearsal after each.

From nothing to C25, C26, C27 and C28 in the rehearsal of prod, no value it ever
held lost, and the real prod untouched. A few minutes: ``make walkthrough`` runs
it (``-m walkthrough``); the normal suite skips it.
"""

from __future__ import annotations

import time

import pytest
from support.step_env import PROD_ROWS, drop_step_env, make_step_env, rows

from dbkit.exercise import steps

pytestmark = pytest.mark.walkthrough

VALUES = ("first_name", "surname", "chatname", "rocketchat_user", "github_name",
          "personal_email_address", "id_number", "cohort")


@pytest.fixture(scope="module")
def step_env(request, pg_server, tmp_path_factory):
    if "walkthrough" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the whole walk takes minutes: `make walkthrough` runs it")
    env = make_step_env(pg_server, tmp_path_factory.mktemp("walk"))
    yield env
    drop_step_env(pg_server, env)


def rehearsal_values(url: str) -> dict[tuple[int, str], object]:
    """(recruit id, column) -> value, for every recruits column the rehearsal has now."""
    found = {name for (name,) in rows(url, "SELECT column_name FROM information_schema.columns "
                                           "WHERE table_name = 'recruits'")}
    columns = [c for c in VALUES if c in found]
    if not columns:
        return {}
    values = {}
    for recruit_id, *row in rows(url, f"SELECT id, {', '.join(columns)} FROM recruits"):
        for column, value in zip(columns, row, strict=True):
            # A rename keeps the value: chatname and rocketchat_user are one value.
            values[(recruit_id, "chat" if column.endswith(("chatname", "_user")) else column)] = value
    return values


def test_every_step_in_order_ends_with_every_cohort_in_prod_and_nothing_lost(step_env):
    prod_before = rows(step_env.prod, PROD_ROWS)
    ever: dict[tuple[int, str], object] = {}
    timings = []

    for step_id in steps.IDS:
        started = time.monotonic()
        result = step_env.run("step", step_id, "--do")
        timings.append((step_id, time.monotonic() - started))
        assert result.returncode == 0, f"{step_id}:\n{result.stdout}\n{result.stderr}"
        assert "Setting up" not in result.stderr or step_id == "dev-1", result.stderr
        assert "Traceback" not in result.stdout + result.stderr, step_id
        for where, extra in (("dev", {"ENV": "dev"}),
                             ("rehearsal", {"ENV": "prod", "DATABASE_URL": step_env.rehearsal})):
            checked = step_env.run("drift", **extra)  # drift can always check: 0 or 1, never 2
            assert checked.returncode in (0, 1), (step_id, where, checked.stdout, checked.stderr)
            assert "Traceback" not in checked.stdout + checked.stderr, (step_id, where)
        now = rehearsal_values(step_env.rehearsal)
        for key, value in now.items():
            assert ever.setdefault(key, value) == value, (step_id, key)
        kept = {key for key in ever if key[1] != "id_number"}
        assert kept <= now.keys(), (step_id, sorted(kept - now.keys())[:3])

    assert rows(step_env.rehearsal, "SELECT cohort, count(*) FROM recruits GROUP BY 1 ORDER BY 1") \
        == [("C25 Data Eng", 10), ("C26 Data Eng", 5), ("C27 Data Eng", 5), ("C28 Data Eng", 5)]
    archived = dict(rows(step_env.rehearsal,
                         "SELECT recruit_id, id_number FROM archive.recruit_id_numbers"))
    numbers = {key[0]: value for key, value in ever.items() if key[1] == "id_number"}
    assert numbers and archived == {k: v for k, v in numbers.items() if v is not None}
    assert rows(step_env.prod, PROD_ROWS) == prod_before
    assert rows(step_env.prod, "SELECT version_num FROM alembic_version") == [("0008",)]
    print("\n".join(f"{step_id:<6} {seconds:5.1f} s" for step_id, seconds in timings))
