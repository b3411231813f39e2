"""The path a learner has: a fresh clone, ``make demo`` on ports of their own, every step.

``git clone`` of this checkout into a temporary folder; ``.env.dev.local`` and
``.env.prod.local`` move the servers off 5433/5434 (nothing committed is edited);
``make demo`` makes the venv, starts both servers (the app role ``recruits`` is no
superuser and may not create databases; ``dbkit_admin`` is kept apart), migrates and
seeds. Then, as the README says, with ``.venv/bin`` first on PATH: every step of
``python -m dbkit step`` with ``--do``, in order, ``python -m dbkit drift`` on dev and on
the rehearsal after each (it can always check: 0 or 1), and the documented commands.
The real prod's rows, schema and backups are the same before and after; the rehearsal
never loses a value it once held and ends with every cohort; the id numbers dropped by
0007 are in the archive.

Several minutes (a venv, two servers, ~40 steps): ``make user-path`` runs it, and CI
(``.ci/run``); ``make test`` skips it.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.commands import ENV_SETTINGS, PROJECT_ROOT

from dbkit.pg.server import port_in_use, program

pytestmark = pytest.mark.user_path

VALUES = ("first_name", "surname", "chatname", "rocketchat_user", "github_name",
          "personal_email_address", "id_number", "cohort")
PROD_ROWS = "SELECT * FROM recruits ORDER BY id"
# A revision id as messages name it: "0005 (Add cohort)", "up to 0005", "stamp 0005", ...
REVISION_NAMED = r"\b(\d{4}) \(|up to (\d{4})|stamp (\d{4})|revision (\d{4})|head (\d{4})"


def other_port(taken: set[int]) -> int:
    """A free four-digit port that is neither 5433 nor 5434 (nor one already chosen)."""
    for port in random.sample(range(6000, 10000), 500):
        if port not in taken and not port_in_use(port):
            return port
    raise RuntimeError("no free port")


class Clone:
    def __init__(self, root: Path, ports: dict[str, int]):
        self.root, self.ports = root, ports
        environ = {k: v for k, v in os.environ.items()
                   if not k.startswith(("DBKIT_", "VIRTUAL_ENV")) and k not in
                   ("ENV", "DATABASE_URL", "ALEMBIC_CONFIG", "PYTHONPATH")}
        # `. .venv/bin/activate`, as the README says.
        environ["PATH"] = f"{root / '.venv' / 'bin'}{os.pathsep}{environ.get('PATH', '')}"
        environ["VIRTUAL_ENV"] = str(root / ".venv")
        environ["PYTHONUNBUFFERED"] = "1"
        self.environ = environ

    def sh(self, command: str, timeout: int = 900, **extra: str) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-c", command], cwd=self.root,
                              env={**self.environ, **extra}, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout)

    def must(self, command: str, **extra: str) -> str:
        result = self.sh(command, **extra)
        assert result.returncode == 0, f"`{command}`:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stdout + result.stderr, command
        return result.stdout

    def url(self, env: str, database: str | None = None) -> str:
        """The app role's URL; its password is the one `make up` made (the env files hold none)."""
        values = ENV_SETTINGS[env]
        password = (self.root / ".pgdata" / env / "app-password").read_text().strip()
        return (f"postgresql+psycopg2://{values['POSTGRES_USER']}:{password}"
                f"@127.0.0.1:{self.ports[env]}/{database or values['POSTGRES_DB']}")

    def backups(self) -> dict[str, str]:
        folder = self.root / "backups"
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(folder.glob("*.dump"))} if folder.is_dir() else {}


def rows(url: str, sql: str) -> list[tuple]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sa.text(sql))]
    finally:
        engine.dispose()


def schema(url: str) -> str:
    parsed = sa.make_url(url)
    result = subprocess.run(
        [program("pg_dump"), "--schema-only", "--no-comments", "-h", "127.0.0.1",
         "-p", str(parsed.port), "-U", str(parsed.username), "-d", str(parsed.database)],
        env={**os.environ, "PGPASSWORD": str(parsed.password)}, capture_output=True, text=True,
        check=True)
    return "\n".join(line for line in result.stdout.splitlines()
                     if not line.startswith(("-- Dumped", "\\restrict", "\\unrestrict")))


def rehearsal_values(url: str) -> dict[tuple[int, str], object]:
    """(recruit id, column) -> value, for every recruits column the rehearsal has now."""
    found = {name for (name,) in rows(url, "SELECT column_name FROM information_schema.columns "
                                           "WHERE table_name = 'recruits'")}
    columns = [f"recruits.{c}" for c in VALUES if c in found]
    if not columns:
        return {}
    joined = "recruits"
    if "cohort_id" in found:  # the submission's cohorts table: the same value, one join away
        columns.append("cohorts.name AS cohort")
        joined += " JOIN cohorts ON cohorts.id = recruits.cohort_id"
    values = {}
    for recruit_id, *row in rows(url, f"SELECT recruits.id, {', '.join(columns)} FROM {joined}"):
        for column, value in zip(columns, row, strict=True):
            # A rename keeps the value: chatname and rocketchat_user are one value.
            column = column.rsplit(" ", 1)[-1].rsplit(".", 1)[-1]
            values[(recruit_id, "chat" if column.endswith(("chatname", "_user")) else column)] = value
    return values


@pytest.fixture(scope="module")
def clone(request):
    if "user_path" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("a fresh clone, make demo and every step take minutes: `make user-path`")
    # Not under pytest's tmp folder: the server user must pass through every folder above.
    root = Path(tempfile.mkdtemp(prefix="dbkit-user-path-")) / "recruits"
    root.parent.chmod(0o755)
    subprocess.run(["git", "clone", "--quiet", str(PROJECT_ROOT), str(root)], check=True)
    ports = {"dev": other_port(set()), "prod": 0}
    ports["prod"] = other_port({ports["dev"]})
    assert not {5433, 5434} & set(ports.values())
    for env, port in ports.items():
        (root / f".env.{env}.local").write_text(f"POSTGRES_PORT={port}\n")
    made = Clone(root, ports)
    yield made
    made.sh("make down", timeout=120)
    shutil.rmtree(root.parent, ignore_errors=True)


def test_a_fresh_clone_make_demo_and_every_step_as_the_app_role(clone):
    assert clone.sh("git status --porcelain").stdout == ""  # the .local files are ignored
    clone.must("make demo")
    real_prod = clone.url("prod")
    # The app role the env files name: owns its database, no superuser, no CREATEDB.
    for env in ("dev", "prod"):
        assert rows(clone.url(env), "SELECT rolsuper, rolcreatedb FROM pg_roles "
                                    "WHERE rolname = current_user") == [(False, False)]
    prod_before = (rows(real_prod, PROD_ROWS), schema(real_prod), clone.backups())
    assert prod_before[0] and prod_before[2], "make demo seeded prod and took its backup"

    listed = clone.must("python -m dbkit step")
    ids = [line.split()[0] for line in listed.splitlines() if line.strip()]
    assert ids[0] == "dev-1" and len(ids) > 30
    rehearsal = clone.url("prod", "recruits_prod_rehearsal")
    ever: dict[tuple[int, str], object] = {}
    for step_id in ids:
        done = clone.sh(f"python -m dbkit step {step_id} --do")
        assert done.returncode == 0, f"{step_id}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        assert "Traceback" not in done.stdout + done.stderr, step_id
        assert "Setting up" not in done.stderr or step_id == ids[0], done.stderr
        for where, extra in (("dev", {"ENV": "dev"}),
                             ("rehearsal", {"ENV": "prod", "DATABASE_URL": rehearsal})):
            # The chain in use is the working folder's (-c), never the repository's.
            checked = clone.sh("python -m dbkit drift -c exercise/work/alembic.ini", **extra)
            assert checked.returncode in (0, 1), (step_id, where, checked.stdout, checked.stderr)
            named = {"".join(m) for m in re.findall(REVISION_NAMED, checked.stdout + checked.stderr)}
            have = {p.name[:4] for p in (clone.root / "exercise" / "work" / "migrations"
                                         / "versions").glob("0*.py")}
            assert named <= have, (step_id, where, named - have, checked.stdout)
            assert "Traceback" not in checked.stdout + checked.stderr, (step_id, where)
        now = rehearsal_values(rehearsal)
        for key, value in now.items():
            assert ever.setdefault(key, value) == value, (step_id, key)
        kept = {key for key in ever if key[1] != "id_number"}
        assert kept <= now.keys(), (step_id, sorted(kept - now.keys())[:3])

    assert rows(rehearsal, "SELECT cohorts.name, count(*) FROM recruits JOIN cohorts ON "
                           "cohorts.id = recruits.cohort_id GROUP BY 1 ORDER BY 1") == \
        [("C25 Data Eng", 10), ("C26 Data Eng", 5), ("C27 Data Eng", 5), ("C28 Data Eng", 5)]
    archived = dict(rows(rehearsal, "SELECT recruit_id, id_number FROM archive.recruit_id_numbers"))
    numbers = {key[0]: value for key, value in ever.items() if key[1] == "id_number"}
    assert numbers and archived == {k: v for k, v in numbers.items() if v is not None}

    # The documented commands, as printed.
    clone.must("make status")
    clone.must("python -m dbkit report")
    listing = clone.must("python -m dbkit backups")
    assert "\nrehearsal " in listing
    clone.must("alembic -c exercise/work/alembic.ini current", DBKIT_ENV_DIR="exercise/work")
    clone.must("DBKIT_ENV_DIR=exercise/work ENV=prod alembic -c exercise/work/alembic.ini history")
    clone.must("ENV=dev python -m dbkit restore --latest rehearsal")
    # The newest rehearsal backup is the one the submission's upgrade took (every cohort in,
    # before the cohorts table): 10 + 5 + 5 + 5 recruits.
    assert rows(clone.url("dev"), "SELECT count(*) FROM recruits") == [(25,)]
    assert clone.sh("ENV=dev python -m dbkit drift").returncode in (0, 1)
    clone.must("python -m dbkit reset dev")
    clone.must("make migrate seed ENV=dev")
    clone.must("ENV=prod alembic current")

    # The real prod: the same rows, the same schema, the same backups (none added, none gone).
    assert (rows(real_prod, PROD_ROWS), schema(real_prod), clone.backups()) == (
        prod_before[0], prod_before[1], {**prod_before[2], **{
            name: digest for name, digest in clone.backups().items()
            if name.startswith("rehearsal-")}})
    assert all(not name.startswith("prod-") for name in set(clone.backups()) - set(prod_before[2]))
