"""Finding the database: ENV, the env files, DATABASE_URL, and every way that can go wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.commands import PROJECT_ROOT, committed_env, run

from dbkit import database
from dbkit.errors import DbkitError
from dbkit.pg.server import free_port


def write_env(folder: Path, env: str, url: str | None) -> None:
    lines = ["POSTGRES_USER=u", "POSTGRES_PASSWORD=s3cret-pw", "POSTGRES_DB=d", "POSTGRES_PORT=1"]
    if url is not None:
        lines.append(f"DATABASE_URL={url}")
    (folder / f".env.{env}").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("value, expected", [("", "dev"), ("dev", "dev"), ("prod", "prod")])
def test_env_picks_the_environment_and_defaults_to_dev(value, expected):
    assert database.env_name({"ENV": value}) == expected
    assert database.env_name({}) == "dev"


def test_unknown_env_is_refused():
    with pytest.raises(DbkitError, match="ENV must be one of dev, prod, not 'staging'"):
        database.env_name({"ENV": "staging"})


def committed(folder: Path) -> dict[str, str]:
    for env in ("dev", "prod"):
        (folder / f".env.{env}").write_text(committed_env(env))
    # The data folder too: the default is the checkout's .pgdata, where `make demo` keeps the
    # real app password.
    return {"DBKIT_ENV_DIR": str(folder), "DBKIT_DATA_DIR": str(folder / "pgdata")}


def test_each_env_file_names_its_own_database(tmp_path):
    project = committed(tmp_path)
    dev, prod = (database.resolve(env, environ=project) for env in ("dev", "prod"))
    assert (dev.url.port, dev.url.database) == (5433, "recruits_dev")
    assert (prod.url.port, prod.url.database) == (5434, "recruits_prod")
    assert dev.source == ".env.dev" and prod.source == ".env.prod"


def test_process_environment_wins_and_says_so(capsys, tmp_path):
    environ = {"ENV": "prod", **committed(tmp_path),
               "DATABASE_URL": "postgresql://app:pw@db.internal:6543/live"}
    target = database.resolve(environ=environ)

    assert (target.env, target.address) == ("prod", "db.internal:6543/live")
    assert capsys.readouterr().err == ""  # the library says nothing; the command announces
    assert database.announcement(target) == [
        "note: DATABASE_URL from the process environment overrides the one in .env.prod",
        "Using the prod database db.internal:6543/live (DATABASE_URL in the process environment)"]


def test_missing_env_file(tmp_path):
    with pytest.raises(DbkitError, match=r"\.env\.prod not found in .*git checkout -- \.env\.prod"):
        database.resolve(environ={"ENV": "prod", "DBKIT_ENV_DIR": str(tmp_path)})


def test_env_file_without_database_url(tmp_path):
    write_env(tmp_path, "dev", url=None)
    with pytest.raises(DbkitError, match=r"^\.env\.dev has no DATABASE_URL line$"):
        database.resolve(environ={"DBKIT_ENV_DIR": str(tmp_path)})



def test_a_local_file_moves_the_port_of_the_committed_files(tmp_path):
    """Other ports without editing a committed file: .env.<env>.local (git ignores it)."""
    environ = committed(tmp_path)
    (tmp_path / ".env.dev.local").write_text("POSTGRES_PORT=6433\n")
    (tmp_path / ".env.prod.local").write_text(
        "DATABASE_URL=postgresql://recruits:other@127.0.0.1:7000/recruits_prod\n")

    dev, prod = (database.resolve(env, environ=environ) for env in ("dev", "prod"))

    assert (dev.url.port, dev.url.database) == (6433, "recruits_dev")
    assert dev.url.password is None  # no password committed, no app-password file here
    assert database.read_env_file("dev", environ)["POSTGRES_PORT"] == "6433"
    assert dev.source == ".env.dev + .env.dev.local"
    assert (prod.url.port, prod.url.password) == (7000, "other")
    assert database.read_env_file("prod", environ)["POSTGRES_PORT"] == "5434"  # not moved
    if (PROJECT_ROOT / ".git").exists():  # a copy of the tree (tests/test_isolation.py) has none
        ignored = run_git("check-ignore", ".env.dev.local", ".env.prod.local")
        assert ignored.split() == [".env.dev.local", ".env.prod.local"]


def test_a_local_file_with_a_port_that_is_no_number_is_one_line(tmp_path):
    write_env(tmp_path, "dev", url="postgresql://u:s3cret-pw@127.0.0.1:1/d")
    (tmp_path / ".env.dev.local").write_text("POSTGRES_PORT=sixty\n")
    with pytest.raises(DbkitError, match=r"^POSTGRES_PORT in \.env\.dev\.local is not a number: "
                                         r"'sixty'$"):
        database.resolve(environ={"DBKIT_ENV_DIR": str(tmp_path)})


def run_git(*argv: str) -> str:
    import subprocess

    return subprocess.run(["git", *argv], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("url, message", [
    ("not a url", "is not a database URL"),
    ("mysql://u:s3cret-pw@h/d", "must be a postgresql:// URL"),
    ("postgresql://u:s3cret-pw@/d", "needs a host and a database name"),
])
def test_malformed_url(tmp_path, url, message):
    write_env(tmp_path, "dev", url=url)
    with pytest.raises(DbkitError, match=message) as error:
        database.resolve(environ={"DBKIT_ENV_DIR": str(tmp_path)})
    assert "s3cret-pw" not in str(error.value)


def test_mask_password():
    assert database.mask_password("postgresql://u:p@ss@h:1/d") == "postgresql://u:***@h:1/d"


# The same errors, as a user meets them on the command line: one line, non-zero exit.

def env_dir_with(tmp_path: Path, url: str | None) -> dict[str, str]:
    write_env(tmp_path, "dev", url)
    return {"DBKIT_ENV_DIR": str(tmp_path)}


def assert_one_clear_line(result, message: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], result.stderr
    assert "s3cret-pw" not in result.stdout + result.stderr


COMMANDS = [("alembic", "upgrade", "head"), ("create_recruits.py",), ("create_c28_recruits.py",)]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_unknown_env_on_the_command_line(command):
    result = run(*command, env={"ENV": "staging"})
    assert_one_clear_line(result, "ENV must be one of dev, prod, not 'staging'")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_missing_env_file_on_the_command_line(command, tmp_path):
    result = run(*command, env={"DBKIT_ENV_DIR": str(tmp_path)})
    assert_one_clear_line(result, ".env.dev not found")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_database_down_says_how_to_start_it(command, tmp_path):
    closed = f"postgresql://u:s3cret-pw@127.0.0.1:{free_port()}/d"
    result = run(*command, env=env_dir_with(tmp_path, closed))
    assert_one_clear_line(result, "the dev database 127.0.0.1")
    assert "is not running: start it with `make up`" in result.stderr


def test_wrong_password(pg_server, tmp_path):
    wrong = pg_server.url.replace(pg_server.password, "s3cret-pw")
    result = run("alembic", "upgrade", "head", env=env_dir_with(tmp_path, wrong))
    assert_one_clear_line(result, f"refused the password for user '{pg_server.user}'")
    assert pg_server.password not in result.stderr


def test_every_command_says_where_it_goes_without_the_password(database_url):
    result = run("alembic", "current", url=database_url)

    assert result.returncode == 0, result.stderr
    address = database_url.split("@")[1]
    assert f"Using the dev database {address} (DATABASE_URL in the process environment)" \
        in result.stderr
    password = database_url.split(":")[2].split("@")[0]
    assert password not in result.stdout + result.stderr


@pytest.mark.parametrize("message", [
    "could not connect to postgresql://app:s3cret-pw@db:5432/live: timeout",
    "connection to server at postgresql+psycopg2://app:s3cret-pw@db/live failed\nDETAIL: more",
    "(psycopg2.OperationalError) postgresql://app:s3cret-pw@h/d",
])
def test_reason_masks_the_password_of_a_url(message):
    from dbkit.errors import reason

    class DriverError(Exception):
        pass

    wrapped = DriverError("wrapper")
    wrapped.orig = Exception(message)  # type: ignore[attr-defined]  (as SQLAlchemy wraps)
    for exc in (Exception(message), wrapped):
        line = reason(exc)
        assert "s3cret-pw" not in line and "***" in line
        assert "\n" not in line


@pytest.mark.parametrize("raw", [
    "postgresql://u:s3 cr@t:pa/ss%w0rd@h:5/d",
    "postgresql://u:s3%20cr%40t%3Apa%2Fss%25w0rd@h:5/d",
    "postgresql://u@h:5/d?password=s3%20cr%40t%3Apa%2Fss%25w0rd",
    "postgresql://u@h:5/d?sslmode=require&password=s3%20cr%40t%3Apa%2Fss%25w0rd",
])
def test_a_password_read_from_a_url_is_masked_in_every_spelling(raw):
    from urllib.parse import quote, quote_plus

    from dbkit.masking import mask_password

    password = "s3 cr@t:pa/ss%w0rd"
    try:
        url = database.parse_url(raw, "DATABASE_URL")
    except DbkitError as exc:
        shown = [str(exc)]
    else:
        assert url.password == password and "password" not in url.query
        shown = [str(url), repr(url)]
    shown += [mask_password(f"{form} in a driver message") for form in
              (password, quote(password), quote(password, safe=""), quote_plus(password))]
    for text in shown:
        for form in (password, quote(password, safe=""), quote_plus(password)):
            assert form not in mask_password(text)
