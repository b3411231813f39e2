"""Throwing a database away and starting it empty (``dbkit reset``), only if it is disposable.

The database actually reached decides (its environment marker, whether it holds
rows, whether dbkit made it), whatever ``ENV`` and the command line say:
:func:`dbkit.state.marker.require_disposable`. Dropping and creating is done
by the administrative role of ``dbkit up`` when the database is on that
server, else by the target's own role, which then needs CREATEDB (checked
before anything is dropped); the new database is made before the old one is
dropped (:func:`dbkit.pg.admin.replace_database`).
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from dbkit import database
from dbkit.errors import DbkitError, reason
from dbkit.pg.server import database_maker


def reset_database(target: database.Target) -> None:
    """Drop and recreate the database of ``target``, if it is disposable (its marker says)."""
    from dbkit.pg import admin
    from dbkit.state import lock, marker

    # The database actually reached decides, whatever ENV and the command line say.
    with database.connected(target) as (_, held):
        marker.require_disposable(held, target, "reset")
        owner = str(held.exec_driver_sql("SELECT current_user::text").scalar())
        held.commit()
        made_by = database_maker(target, "reset")
        # A migration running is never cut off; none starts until the drop (which ends `held`).
        lock.hold_or_refuse(held, f"reset refused on the {target.describe()}")
        name = target.url.database or ""
        try:
            with admin.admin_connection(made_by, "dbkit reset") as connection:
                admin.replace_database(connection, name, owner=owner,
                                       comment=f"{admin.MADE_BY_DBKIT} made by dbkit reset")
            admin.give_schema_to_owner(made_by.set(database=name), owner)
        except DBAPIError as exc:
            raise DbkitError(f"reset of the {target.describe()} failed: {reason(exc)}") from None
        finally:
            held.invalidate()  # the drop ended its session
