"""Faults a user can cause: one line, a non-zero exit, nothing written, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.commands import committed_env, run
from support.sql import rows


def one_line(result, message: str, code: int = 2) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")
              or ": error:" in line]
    assert len(errors) == 1, result.stderr
    assert message in errors[0], errors[0]
    return errors[0]


def env_files(folder: Path, url: str, raw: bytes | None = None) -> dict[str, str]:
    text = committed_env("dev")
    (folder / ".env.dev").write_bytes(raw if raw is not None else
                                      text.replace(text.splitlines()[-1], f"DATABASE_URL={url}")
                                      .encode())
    return {"DBKIT_ENV_DIR": str(folder)}


COMMANDS = [("alembic", "upgrade", "head"), ("create_recruits.py", "--count", "2"),
            ("-m", "dbkit", "backup")]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c[0] != "-m" else c[2])
def test_a_non_utf8_env_file(command, tmp_path):
    environ = env_files(tmp_path, "", raw=b"POSTGRES_USER=r\xe9cruits\nDATABASE_URL=x\n")
    result = run(*command, env=environ)
    one_line(result, f"{tmp_path}/.env.dev is not UTF-8 text (byte 16 is not): save it as UTF-8",
             code=1 if command[0] == "alembic" else 2)
    assert not (tmp_path / "backups").exists()


def test_an_env_file_that_cannot_be_read(tmp_path):
    (tmp_path / ".env.dev").mkdir()
    for command in COMMANDS[:1]:
        result = run(*command, env={"DBKIT_ENV_DIR": str(tmp_path)})
        one_line(result, f"cannot read {tmp_path}/.env.dev: it is not a file", code=1)


@pytest.mark.parametrize("password", ["p@ss:w/rd", "p@s:s/x", "pa@ss"])
def test_an_unencoded_password(password, tmp_path, pg_server, database_url):
    """The password has an @, : or / as typed: one line that says how to write it."""
    url = f"postgresql://{pg_server.user}:{password}@127.0.0.1:{pg_server.port}/" \
          f"{database_url.rsplit('/', 1)[1]}"
    for command in COMMANDS:
        result = run(*command, env={"ENV": "dev"}, url=url)
        line = one_line(result, "percent-encoded", code=1 if command[0] == "alembic" else 2)
        assert password not in result.stdout + result.stderr and "%40" in line
        for part in (p for p in password.split("@")[1:] if len(p) >= 4):
            assert part not in line
    assert rows(database_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") \
        == [(0,)]


@pytest.mark.parametrize("seed, shown", [("9" * 300, "'99999999999999999999...'"),
                                         ("1000000000000", "1000000000000")])
def test_a_seed_out_of_range(seed, shown, database_url, tmp_path):
    result = run("create_recruits.py", "--seed", seed, "--count", "2", url=database_url)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith(
        f"argument --seed: must be between 0 and 999,999,999,999, not {shown}")
    assert rows(database_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") \
        == [(0,)]


def test_the_wrong_password_from_the_environment_reads_right(database_url, pg_server):
    wrong = database_url.replace(pg_server.password, "not-it-at-all")
    result = run("-m", "dbkit", "backup", url=wrong)
    line = one_line(result, "refused the password")
    assert line.endswith("(check the password in DATABASE_URL in the process environment)")
    assert "not-it-at-all" not in result.stderr
