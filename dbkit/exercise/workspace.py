"""The places ``python -m dbkit step`` works in: a working folder, dev, and a rehearsal of prod.

- **The working folder** (``exercise/work``, ignored by the project's git): the exercise
  as it stands at one moment of the brief: that moment's ``models.py`` and seeding
  scripts (copied from the snapshots in ``exercise/<moment>/``), its own
  ``alembic.ini`` and ``migrations/`` holding only the revisions the learner
  has by then, and ``.env.dev`` / ``.env.prod`` naming dev and the rehearsal. It is a
  git repository of its own (the brief's "commit often"): the steps commit as a
  learner would, and the situations' fixes check out an earlier commit.
  Every command runs from the project root with ``DBKIT_ENV_DIR=exercise/work``,
  so it reaches those two databases and nothing else.
- **Dev** is the database ``ENV=dev`` names. It is dropped and rebuilt only
  after :func:`dbkit.state.marker.require_disposable` has looked at the
  database really reached: a database marked prod is never touched.
- **The rehearsal** is a database on the prod server, ``<prod database>_rehearsal``,
  made by dbkit with a database comment starting ``dbkit:rehearsal``. Prod
  steps run there, as ``ENV=prod`` with every prod guard rail (its first
  migration marks it prod). So it is rebuilt only when its comment says dbkit
  made it, and never when it is the database ``.env.prod`` names.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from dbkit import database
from dbkit.database import PROJECT_ROOT, Target
from dbkit.errors import DbkitError, NotRunning, Refused
from dbkit.pg.admin import REHEARSAL_MARK

SNAPSHOTS = PROJECT_ROOT / "exercise"
REHEARSAL_COMMENT = (f"{REHEARSAL_MARK} of prod for python -m dbkit step; rebuilt from "
                     "scratch at will, never the real prod")
DEV_COMMENT = "dbkit: dev database rebuilt by python -m dbkit step"
STATE_FILE = ".step.json"


def work_dir() -> Path:
    """``exercise/work``; tests point ``DBKIT_EXERCISE_DIR`` elsewhere."""
    return Path(os.environ.get("DBKIT_EXERCISE_DIR") or SNAPSHOTS / "work").resolve()


def shown(path: Path) -> str:
    """A path as commands print it: relative to the project root when inside it."""
    try:
        return str(path.relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


# -- the working folder ----------------------------------------------------------------------

def lay_out(dev: Target, rehearsal: Target) -> Path:
    """An empty working folder: alembic.ini, migrations/env.py, no revisions, no models yet."""
    work = work_dir()
    if work.exists():
        shutil.rmtree(work)
    (work / "migrations" / "versions").mkdir(parents=True)
    ini = (PROJECT_ROOT / "alembic.ini").read_text()
    # This folder (its models.py) first, then the repository root two folders up (dbkit):
    # `alembic -c exercise/work/alembic.ini` works from the console script too.
    ini = ini.replace("prepend_sys_path = %(here)s",
                      f"prepend_sys_path = %(here)s{os.pathsep}%(here)s/../..")
    (work / "alembic.ini").write_text(
        "# The exercise at one moment of the brief (python -m dbkit step): these models,\n"
        "# these revisions. Run from the project root with DBKIT_ENV_DIR set to this folder.\n"
        + ini)
    for name in ("env.py", "script.py.mako"):
        shutil.copy(PROJECT_ROOT / "migrations" / name, work / "migrations" / name)
    for env, target in (("dev", dev), ("prod", rehearsal)):
        path = work / f".env.{env}"
        path.write_text(f"# {target.describe()}, for python -m dbkit step\n"
                        f"DATABASE_URL={target.url.render_as_string(hide_password=False)}\n")
        path.chmod(0o600)
    (work / ".gitignore").write_text("# the databases' addresses, and python -m dbkit step's own note\n"
                                     ".env.*\n.step.json\n__pycache__/\n")
    init_git(work)
    return work


# Who the working folder's commits are by: set in the folder itself, so committing works on a
# fresh machine with no git identity (and never changes the user's own settings).
GIT_USER = ("Learner", "learner@example.invalid")


def git(work: Path, *args: str) -> str:
    """``git -C work ARGS``; its output, or DbkitError in one line."""
    import subprocess

    try:
        result = subprocess.run(["git", "-C", str(work), *args], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, timeout=60)
    except FileNotFoundError:
        raise DbkitError("git is not installed: the exercise's working folder is a git "
                         "repository (apt-get install git, or your system's package)") from None
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise DbkitError(f"`git {' '.join(args)}` failed in {shown(work)}: "
                         f"{lines[-1] if lines else 'exit ' + str(result.returncode)}")
    return result.stdout


def init_git(work: Path) -> None:
    """A repository of its own in the working folder, with a first commit (alembic init)."""
    git(work, "-c", "init.defaultBranch=main", "init", "-q")
    git(work, "config", "user.name", GIT_USER[0])
    git(work, "config", "user.email", GIT_USER[1])
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "alembic init: alembic.ini, migrations/env.py, no revision yet")


def done_step() -> str | None:
    path = work_dir() / STATE_FILE
    try:
        return json.loads(path.read_text()).get("done")
    except (OSError, ValueError):
        return None


def record_done(step_id: str | None) -> None:
    (work_dir() / STATE_FILE).write_text(json.dumps({"done": step_id}) + "\n")


# -- the databases ---------------------------------------------------------------------------

def rehearsal_target() -> Target:
    """``<prod database>_rehearsal`` on the prod server of ``.env.prod``."""
    prod = database.target_for("prod")
    return Target("prod", prod.url.set(database=f"{prod.url.database}_rehearsal"),
                  "the rehearsal of prod (python -m dbkit step)")


def maintenance(target: Target) -> Target:
    return Target(target.env, target.url.set(database="postgres"), target.source)


def check_dev(dev: Target, action: str) -> None:
    """Refuse, changing nothing, unless the dev database reached may be rewritten."""
    from sqlalchemy.exc import OperationalError

    from dbkit.state import marker

    engine = database.create_engine(dev)
    try:
        try:
            connection = engine.connect()
        except OperationalError as exc:
            why = database.explain_connection_error(exc, dev)
            if isinstance(why, NotRunning) and why.missing:
                return  # the server runs without the database: nothing there yet to lose
            raise why from None
        with connection:
            marker.require_disposable(connection, dev, action)
    finally:
        engine.dispose()


def check_rehearsal(rehearsal: Target, action: str) -> bool:
    """Whether the rehearsal exists; refuse unless dbkit made it and it is not the real prod."""
    import sqlalchemy as sa

    real = database.target_for("prod")
    if (rehearsal.url.host, rehearsal.url.port, rehearsal.url.database) == \
            (real.url.host, real.url.port, real.url.database):
        raise Refused(f"{action} refused: the rehearsal would be the real prod database "
                      f"{real.address}; nothing was changed")
    engine = database.create_engine(maintenance(rehearsal))
    try:
        with database.connect(engine, rehearsal) as connection:
            row = connection.execute(sa.text(
                "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database "
                "WHERE datname = :name"), {"name": rehearsal.url.database}).first()
    finally:
        engine.dispose()
    if row is not None and not row[0].startswith(REHEARSAL_MARK):
        raise Refused(f"{action} refused: {rehearsal.address} exists but dbkit did not make it "
                      "as a rehearsal (no dbkit:rehearsal comment); nothing was changed")
    return row is not None


def rebuild(*databases: tuple[Target, str], action: str = "step") -> None:
    """Drop and make each ``(target, comment)`` database again, empty (callers check first).

    A migration running on one (``alembic upgrade`` holding the migration lock) is never
    cut off: the rebuild refuses, in one line naming it, before anything is dropped.
    Otherwise the migration lock of each is held until its drop, so none can start between.

    Whoever may make them (:func:`dbkit.pg.server.database_maker`: the
    administrative role of ``dbkit up``, else the app role if it holds
    CREATEDB) is found for every one before any is dropped; each new database
    is made before the old one goes, owned by the target's own role.
    """
    from sqlalchemy.exc import DBAPIError

    from dbkit.errors import DbkitError, reason
    from dbkit.pg import admin
    from dbkit.pg.server import database_maker

    makers = [database_maker(target, "step") for target, _ in databases]
    held: list = []
    try:
        for target, _ in databases:
            held.append(_hold_migration_lock(target, action))
        for (target, comment), made_by in zip(databases, makers, strict=True):
            name, owner = str(target.url.database), str(target.url.username)
            try:
                with admin.admin_connection(made_by, "dbkit step") as connection:
                    admin.replace_database(connection, name, owner=owner, comment=comment)
                admin.give_schema_to_owner(made_by.set(database=name), owner)
            except DBAPIError as exc:
                raise DbkitError(f"could not make the {target.describe()} again: "
                                 f"{reason(exc)}") from None
    finally:
        for engine, holder in held:
            if holder is not None:
                holder.invalidate()  # the drop ended its session: nothing to roll back
                holder.close()
            engine.dispose()


def _hold_migration_lock(target: Target, action: str) -> tuple:
    """(engine, connection holding the migration lock of ``target``), the connection None
    when the database does not exist; a migration running refuses (lock.hold_or_refuse)."""
    from sqlalchemy.exc import OperationalError

    from dbkit.state import lock

    engine = database.create_engine(target)
    try:
        holder = engine.connect()
    except OperationalError as exc:
        engine.dispose()
        if "does not exist" not in str(exc.orig):
            raise database.explain_connection_error(exc, target) from None
        return engine, None
    try:
        lock.hold_or_refuse(holder, f"{action} refused on the {target.describe()}")
    except BaseException:
        holder.close()
        engine.dispose()
        raise
    return engine, holder
