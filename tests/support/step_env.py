"""A dev, a real prod and a working folder of their own, for running ``python -m dbkit step``.

Both databases live on the suite's throwaway server; the "real prod" is migrated
with ``ENV=prod`` (so it is marked prod) and holds recruits, so a test can prove
that nothing a step does reaches it. The rehearsal the steps build is
``<prod>_rehearsal`` on the same server. The working folder is
``exercise/work-<tag>`` (the snapshots' scripts find dbkit two folders up).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from support.commands import PROJECT_ROOT, alembic

PROD_ROWS = "SELECT id, first_name, surname, rocketchat_user, github_name, " \
            "personal_email_address, cohort_id FROM recruits ORDER BY id"


@dataclass
class StepEnv:
    folder: Path  # the env files
    work: Path
    dev: str  # URLs
    prod: str
    rehearsal: str

    def environ(self, **extra: str) -> dict[str, str]:
        environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
        environ.update(DBKIT_ENV_DIR=str(self.folder),
                       DBKIT_EXERCISE_DIR=str(self.work), **extra)
        return environ

    def run(self, *argv: str, **extra: str) -> subprocess.CompletedProcess:
        """``python -m dbkit <argv>`` from the project root, as a learner runs it."""
        return subprocess.run([sys.executable, "-m", "dbkit", *argv], cwd=PROJECT_ROOT,
                              env=self.environ(**extra), capture_output=True, text=True,
                              timeout=900)


def make_step_env(pg_server, tmp_path: Path) -> StepEnv:
    tag = uuid.uuid4().hex[:8]
    dev_name, prod_name = f"step_dev_{tag}", f"step_prod_{tag}"
    pg_server.create_database(dev_name, template="template0")
    pg_server.create_database(prod_name, template="template0")
    env = StepEnv(tmp_path, PROJECT_ROOT / "exercise" / f"work-{tag}",
                  pg_server.url_for(dev_name), pg_server.url_for(prod_name),
                  pg_server.url_for(f"{prod_name}_rehearsal"))
    for name, url in (("dev", env.dev), ("prod", env.prod)):
        (tmp_path / f".env.{name}").write_text(f"DATABASE_URL={url}\n")
    # The real prod: at head, marked prod, with recruits (plain SQL: quicker than the scripts).
    alembic("upgrade", "head", url=env.prod)
    execute(env.prod, "UPDATE dbkit_environment SET env = 'prod'",
            "INSERT INTO cohorts (name) VALUES ('C25 Data Eng')",
            "INSERT INTO recruits (first_name, surname, rocketchat_user, github_name, "
            "personal_email_address, cohort_id) SELECT 'First' || n, 'Sur' || n, 'chat' || n, "
            "'gh' || n, 'r' || n || '@example.org', 1 FROM generate_series(1, 10) AS n")
    return env


def drop_step_env(pg_server, env: StepEnv) -> None:
    shutil.rmtree(env.work, ignore_errors=True)
    for url in (env.rehearsal, env.dev, env.prod):
        name = sa.engine.make_url(url).database
        pg_server.drop_database(name)


def rows(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sa.text(sql))]
    finally:
        engine.dispose()


def exists(url: str) -> bool:
    parsed = sa.engine.make_url(url)
    return bool(rows(str(parsed.set(database="postgres").render_as_string(False)),
                     f"SELECT 1 FROM pg_database WHERE datname = '{parsed.database}'"))


def execute(url: str, *statements: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(sa.text(statement))
    finally:
        engine.dispose()
