"""Tooling for Alembic on PostgreSQL: local servers, drift doctor, reviewer, guard rails.

Run ``dbkit`` (or ``python -m dbkit``) for the list of commands.
"""

__version__ = "0.3.0"
