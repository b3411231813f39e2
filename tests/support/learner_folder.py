"""A learner's working folder, laid out as ``python -m dbkit step`` lays out exercise/work.

``exercise/work-<tag>-<random>`` (the snapshots' scripts find dbkit two folders up), its env
files naming the dev database given and a fresh prod; commands run from the project root as
the learner types them: ``DBKIT_ENV_DIR=<folder> ENV=<env> ...``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from dbkit import database
from dbkit.exercise import workspace
from support.commands import PROJECT_ROOT


@contextmanager
def learner_folder(pg_server, dev_url: str, tag: str) -> Iterator[tuple[Path, str]]:
    """(working folder, prod URL); the folder and the prod database are removed afterwards."""
    prod_name = f"{tag}_prod_{uuid.uuid4().hex[:8]}"
    pg_server.create_database(prod_name, template="template0")
    prod_url = pg_server.url_for(prod_name)
    folder = PROJECT_ROOT / "exercise" / f"work-{tag}-{uuid.uuid4().hex[:8]}"
    saved = os.environ.get("DBKIT_EXERCISE_DIR")
    os.environ["DBKIT_EXERCISE_DIR"] = str(folder)
    try:
        workspace.lay_out(database.Target("dev", make_url(dev_url), "the learner's dev"),
                          database.Target("prod", make_url(prod_url), "the learner's prod"))
    finally:
        os.environ.pop("DBKIT_EXERCISE_DIR")
        if saved is not None:
            os.environ["DBKIT_EXERCISE_DIR"] = saved
    try:
        yield folder, prod_url
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        pg_server.drop_database(prod_name)


def run_in(folder: Path, *argv: str, env: str) -> subprocess.CompletedProcess:
    """``python <argv>`` from the project root with ``DBKIT_ENV_DIR=<folder> ENV=<env>``."""
    environ = {k: v for k, v in os.environ.items() if k not in ("ENV", "DATABASE_URL")}
    environ.update(DBKIT_ENV_DIR=str(folder), ENV=env)
    return subprocess.run([sys.executable, *argv], cwd=PROJECT_ROOT, env=environ,
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
