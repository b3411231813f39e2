"""The places ``python -m dbkit step`` works in: a working folder, dev, and a rehearsal of prod.

- **The working folder** (``exercise/work``, ignored by git): the exercise as it
  stands at one moment of the brief: that moment's ``models.py`` and seeding
  scripts (copied from the snapshots in ``exercise/<moment>/``), its own
  ``alembic.ini`` and ``migrations/`` holding only the revisions the learner
  has by then, and ``.env.dev`` / ``.env.prod`` naming dev and the rehearsal.
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
from dbkit.errors import NotRunning, Refused

SNAPSHOTS = PROJECT_ROOT / "exercise"
REHEARSAL_COMMENT = ("dbkit:rehearsal of prod for python -m dbkit step; rebuilt from "
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
    ini = ini.replace("prepend_sys_path = .", "prepend_sys_path = %(here)s")
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
    return work


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
    if row is not None and not row[0].startswith("dbkit:rehearsal"):
        raise Refused(f"{action} refused: {rehearsal.address} exists but dbkit did not make it "
                      "as a rehearsal (no dbkit:rehearsal comment); nothing was changed")
    return row is not None


def rebuild(target: Target, comment: str, action: str = "rebuild") -> None:
    """Drop and create ``target``'s database, empty, with ``comment`` (callers check first).

    A migration running on it (``alembic upgrade`` holding the migration lock) is
    never cut off: the rebuild refuses, in one line naming it. Otherwise the
    migration lock is held until the drop, so none can start in between.
    """
    from sqlalchemy.exc import OperationalError

    from dbkit.state import lock

    held = database.create_engine(target)
    try:
        try:
            holder = held.connect()
        except OperationalError as exc:
            if "does not exist" not in str(exc.orig):
                raise database.explain_connection_error(exc, target) from None
            holder = None  # nothing there: no migration either
        try:
            if holder is not None:
                lock.hold_or_refuse(holder, f"{action} refused on the {target.describe()}")
            _drop_and_create(target, comment)
        finally:
            if holder is not None:
                holder.invalidate()  # the drop ended its session: nothing to roll back
                holder.close()
    finally:
        held.dispose()


def _drop_and_create(target: Target, comment: str) -> None:
    engine = database.create_engine(maintenance(target), isolation_level="AUTOCOMMIT")
    try:
        with database.connect(engine, target) as connection:
            quote = connection.dialect.identifier_preparer.quote
            name = quote(str(target.url.database))
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            connection.exec_driver_sql(f"CREATE DATABASE {name}")
            connection.exec_driver_sql(f"COMMENT ON DATABASE {name} IS '{comment}'")
    finally:
        engine.dispose()
