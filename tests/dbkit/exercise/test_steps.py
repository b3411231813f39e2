"""``python -m dbkit step`` and ``shell``, run as a learner runs them, on real PostgreSQL.

The whole walk (every step with ``--do``) is tests/test_user_path.py, behind ``make user-path``.
"""

from __future__ import annotations

import pytest
from support.commands import PROJECT_ROOT, alembic, run
from support.step_env import PROD_ROWS, drop_step_env, execute, exists, make_step_env, rows

from dbkit.exercise import steps

BRIEF_IDS = ([f"dev-{n}" for n in range(1, 7)] + ["prod-1", "prod-2"]
             + [f"s{s}-{n}" for s in (1, 2, 3) for n in range(1, 10)] + ["submit"])


@pytest.fixture(scope="module")
def step_env(pg_server, tmp_path_factory):
    """One set of databases for the module: each test leaves them as it found them, or last."""
    env = make_step_env(pg_server, tmp_path_factory.mktemp("step"))
    yield env
    drop_step_env(pg_server, env)


def test_the_list_is_the_brief_in_its_own_numbering(step_env):
    result = step_env.run("step")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == BRIEF_IDS
    assert all(len(line.split(maxsplit=1)) == 2 for line in lines)  # each has a summary


def test_an_unknown_step_is_one_line_and_changes_nothing(step_env):
    result = step_env.run("step", "s4-1", "--do")

    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: unknown step 's4-1': `python -m dbkit step` lists the steps"]
    assert not step_env.work.exists()
    assert not exists(step_env.rehearsal)
    assert rows(step_env.dev, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


@pytest.mark.parametrize("argv", [["step", "s1-1"], ["step", "s1-1", "--do"], ["situation", "1"]])
def test_dev_pointing_at_the_real_prod_is_refused_and_nothing_changes(step_env, argv):
    before = rows(step_env.prod, PROD_ROWS)

    result = step_env.run(*argv, ENV="dev", DATABASE_URL=step_env.prod)

    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(f"error: {argv[0]} ")
    assert "refused" in result.stderr and "is the prod database" in result.stderr
    assert "Traceback" not in result.stderr
    assert rows(step_env.prod, PROD_ROWS) == before
    assert rows(step_env.prod, "SELECT version_num FROM alembic_version") == [("0008",)]
    assert not exists(step_env.rehearsal)


def test_a_step_starts_where_a_learner_is_and_prints_the_commands(step_env):
    prod_before = rows(step_env.prod, PROD_ROWS)

    setup = step_env.run("step", "prod-1")

    assert setup.returncode == 0, setup.stdout + setup.stderr
    # Dev: ten C25 recruits put in at 0001 (no address then), so 0003 gave them placeholders.
    assert rows(step_env.dev, "SELECT version_num FROM alembic_version") == [("0004",)]
    assert rows(step_env.dev, "SELECT count(*), count(id_number) FROM recruits WHERE "
                              "personal_email_address LIKE '%@placeholder.invalid'") == [(10, 10)]
    # The rehearsal of prod: made by dbkit, empty, waiting for its first migration.
    assert rows(step_env.rehearsal, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") \
        == [(0,)]
    work = step_env.work
    assert sorted(p.name[:4] for p in (work / "migrations" / "versions").glob("0*.py")) == [
        "0001", "0002", "0003", "0004"]
    assert (work / "models.py").read_text() == (
        PROJECT_ROOT / "exercise" / "2-email" / "models.py").read_text()
    for command in steps.BY_ID["prod-1"].commands:
        assert steps.render(command, f"exercise/{work.name}") in setup.stdout
    assert rows(step_env.prod, PROD_ROWS) == prod_before


def test_the_s2_2_query_fails_on_chatname_in_one_line(database_url, tmp_path):
    alembic("upgrade", "0005", url=database_url)
    execute(database_url, "INSERT INTO recruits (first_name, surname, chatname, github_name, "
                          "personal_email_address, cohort) VALUES ('Ann', 'Lee', 'ann', 'al', "
                          "'ann@example.org', 'C25 Data Eng')",
            "ALTER TABLE recruits RENAME COLUMN chatname TO rocketchat_user")  # s2-1
    (tmp_path / "models.py").write_text(
        (PROJECT_ROOT / "exercise" / "3-cohort" / "models.py").read_text())
    (query,) = steps.BY_ID["s2-2"].commands
    code = query.text.split(' -c "', 1)[1].removesuffix('"')

    result = run("-m", "dbkit", "shell", "-c", code, url=database_url,
                 env={"ENV": "dev", "DBKIT_EXERCISE_DIR": str(tmp_path)})

    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if not line.startswith(("Using", "note"))]
    assert line.startswith("error: the query failed: column recruits.chatname does not exist: "
                           "the models (")
    assert "python -m dbkit drift" in line


def test_the_shell_runs_one_statement_with_the_models_and_a_session(database_url, tmp_path):
    """Without a step laid out, the repository's own models."""
    alembic("upgrade", "head", url=database_url)

    result = run("-m", "dbkit", "shell", "-c", "session.scalar(select(sa.func.count()).select_from("
                 "Recruit)), Cohort.__tablename__", url=database_url,
                 env={"ENV": "dev", "DBKIT_EXERCISE_DIR": str(tmp_path / "none")})

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "(0, 'cohorts')"


def test_a_rehearsal_dbkit_did_not_make_is_never_rebuilt(step_env, pg_server):
    from sqlalchemy.engine import make_url

    name = make_url(step_env.rehearsal).database
    pg_server.drop_database(name)  # the one an earlier test's steps made
    pg_server.create_database(name, template="template0")
    execute(step_env.rehearsal, "CREATE TABLE notes (body text)",
            "INSERT INTO notes VALUES ('someone else''s')")

    result = step_env.run("step", "dev-1")

    assert result.returncode == 2
    assert "dbkit did not make it as a rehearsal" in result.stderr.splitlines()[-1]
    assert rows(step_env.rehearsal, "SELECT body FROM notes") == [("someone else's",)]
