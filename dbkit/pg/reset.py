"""Throwing a database away and starting it empty (``dbkit reset``), only if it is disposable.

The database actually reached decides (its environment marker, whether it holds
rows, whether dbkit made it), whatever ``ENV`` and the command line say:
:func:`dbkit.state.marker.require_disposable`. Dropping and creating is done
by the administrative role of ``dbkit up`` when the database is on that
server, else by the target's own role, which then needs CREATEDB (checked
before anything is dropped).
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

from dbkit import database
from dbkit.errors import DbkitError, Refused, reason
from dbkit.pg.server import admin_url_for


def reset_database(target: database.Target) -> None:
    """Drop and recreate the database of ``target``, if it is disposable (its marker says)."""
    from dbkit.pg import admin
    from dbkit.state import lock, marker

    # The database actually reached decides, whatever ENV and the command line say.
    with database.connected(target) as (_, held):
        marker.require_disposable(held, target, "reset")
        owner, may_create = held.exec_driver_sql(
            "SELECT current_user::text, rolcreatedb OR rolsuper FROM pg_roles "
            "WHERE rolname = current_user").one()
        held.commit()
        admin_url = admin_url_for(target)
        if admin_url is target.url and not may_create:
            # Dropping would work (the owner may) but creating it again would not.
            raise Refused(f"reset refused: the role {owner!r} may not create databases and no "
                          f"administrative role of `dbkit up` serves {target.address}; nothing "
                          "was changed")
        # A migration running is never cut off; none starts until the drop (which ends `held`).
        lock.hold_or_refuse(held, f"reset refused on the {target.describe()}")
        name = target.url.database or ""
        try:
            with admin.admin_connection(admin_url, "dbkit reset") as connection:
                admin.drop_database(connection, name)
                admin.create_database(connection, name, owner=owner,
                                      comment=f"{admin.MADE_BY_DBKIT} made by dbkit reset")
            admin.give_schema_to_owner(admin_url.set(database=name), owner)
        except DBAPIError as exc:
            raise DbkitError(f"reset of the {target.describe()} failed: {reason(exc)}") from None
        finally:
            held.invalidate()  # the drop ended its session
