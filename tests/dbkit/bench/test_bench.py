"""The benchmark's code paths at a tiny scale (the figures themselves are not tested)."""

import json

import pytest
import sqlalchemy as sa
from support.commands import alembic, run

from dbkit import bench

ISSUE_KEYS = {
    "rows", "safe_upgrade_s", "naive_upgrade_s", "safe_client_max_ms", "safe_client_p99_ms",
    "naive_client_max_ms", "naive_client_p99_ms", "safe_client_errors", "naive_client_errors",
    "rows_intact", "seed_rows", "seed_rows_per_s", "copy_rows_per_s", "faker_default_rows_per_s",
    "cmd_alembic_current_s", "cmd_upgrade_noop_s", "cmd_drift_s", "cmd_seed_c26_s",
    "review_revisions", "review_static_s",
}


@pytest.mark.slow  # a whole benchmark run; CI also runs `dbkit bench --quick`
def test_a_tiny_run_writes_every_figure_and_keeps_the_rows(tmp_path):
    output = tmp_path / "results.json"
    result = run("-m", "dbkit", "bench", "--rows", "2000", "--seed-rows", "500", "--repeat", "1",
                 "--output", str(output))

    assert result.returncode == 0, result.stderr
    results = json.loads(output.read_text())
    assert results.keys() >= ISSUE_KEYS
    assert results["rows"] == 2000 and results["seed_rows"] == 500
    assert results["rows_intact"] is True
    assert results["review_revisions"] == 300
    assert results["same_schema_at_head"] is True
    assert results["safe_client_statements"] > 0 and results["naive_client_statements"] > 0
    assert "upgrade head (s)" in result.stdout


def test_rows_intact_notices_a_changed_value(pg_server, database_url):
    name = database_url.rsplit("/", 1)[1]
    pg_server.drop_database(name)
    bench.load_database(pg_server, name, 300)
    alembic("upgrade", "head", url=database_url)

    assert bench.rows_intact(pg_server, name, 300, updates={})
    assert bench.rows_intact(pg_server, name, 300, updates={7: "Changed"}) is False
    engine = sa.create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE recruits SET surname = 'Changed' WHERE id = 7"))
    engine.dispose()
    assert bench.rows_intact(pg_server, name, 300, updates={7: "Changed"})
    assert bench.rows_intact(pg_server, name, 300, updates={}) is False


def test_bad_rows_are_refused_in_one_line_and_nothing_is_written(tmp_path):
    output = tmp_path / "results.json"
    result = run("-m", "dbkit", "bench", "--rows", "0", "--output", str(output))

    assert result.returncode == 2
    assert "--rows: must be 1 or more, not 0" in result.stderr
    assert "Traceback" not in result.stderr
    assert not output.exists()


def test_help_names_every_option():
    result = run("-m", "dbkit", "bench", "--help")

    assert result.returncode == 0
    for option in ("--rows", "--seed-rows", "--quick", "--repeat", "--output"):
        assert option in result.stdout
