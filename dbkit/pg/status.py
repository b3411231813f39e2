"""Where each environment's server stands: running (at which revision), not running, unreachable."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from dbkit import database, revisions
from dbkit.errors import DbkitError, NotRunning, Unreachable

State = Literal["running", "not running", "unreachable"]


@dataclass(frozen=True)
class Status:
    env: str
    state: State
    address: str
    revision: str | None = None  # running: the revision stamped (None: never migrated)
    why: str | None = None  # unreachable: why


def status(env: str) -> Status:
    """``env``'s database as its env file names it, asked briefly (2 s), never changed."""
    target = database.target_for(env)
    engine = database.create_engine(target, connect_args={"connect_timeout": 2})
    try:
        with database.connect(engine, target) as connection:
            return Status(env, "running", target.address, revisions.current(connection))
    except NotRunning:
        return Status(env, "not running", target.address)
    except Unreachable as exc:
        return Status(env, "unreachable", target.address, why=exc.why)
    except DbkitError as exc:  # e.g. stamped with several revisions
        return Status(env, "unreachable", target.address, why=str(exc))
    finally:
        engine.dispose()
