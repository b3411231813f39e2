"""What several test modules share, and the one way they get it: ``from support.<module> import``.

- ``commands``: run alembic, the seeding scripts and dbkit as a user would (``run``, ``alembic``)
- ``sql``: plain SQL on a database URL (``execute``, ``scalar``, ``rows``, ``mark``)
- ``chain``: the migration chain's schema, read from the catalog (``schema_of``, ``migrate``)
- ``step_env``: a dev, prod and rehearsal of prod for ``python -m dbkit step``
- ``printed``: run the commands a message prints, as printed
- ``transcripts``: the ``console`` blocks of the docs, run and compared
- ``waiting``: wait for a condition (``wait_for``) or a prompt (``read_until``), never a fixed sleep

Fixtures come from ``conftest.py`` files (``tests/conftest.py`` starts the throwaway
servers); nothing is imported from a conftest or from another test module.
"""
