"""Code that runs inside the sandbox (``dbkit.sandbox``) on a revision: the jobs' workers.

These modules import nothing of the reviewer (no ``dbkit.review``, no pglast, no squawk): only
the standard library, SQLAlchemy, Alembic and the light ``dbkit`` helpers a revision may use
(``dbkit.alembic_compat``, ``dbkit.online``). So they run with the project's own interpreter
(``review --python PATH``), whose environment has the application's packages and Alembic
but not the reviewer's dependencies.

- :mod:`dbkit.jobs.render`: a revision's ``upgrade()`` as PostgreSQL SQL (for squawk);
- :mod:`dbkit.jobs.run`: a revision's ``upgrade()`` or ``downgrade()`` applied to a database
  (``review --run``);
- :mod:`dbkit.jobs.stand_ins`: what ``upgrade(op, tables, tester)`` gets for the arguments a
  project's env.py passes it.
"""


def prepend_sys_path(folders: object) -> None:  # pragma: no cover  (sandbox process)
    """A job's ``sys_path``: the project's ``prepend_sys_path`` folders, first on ``sys.path``
    as Alembic puts them (mounted read-only by the session)."""
    import sys

    if isinstance(folders, list):
        for folder in reversed(folders):
            if isinstance(folder, str) and folder not in sys.path:
                sys.path.insert(0, folder)
