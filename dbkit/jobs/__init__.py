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
