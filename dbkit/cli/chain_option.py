"""``-c/--config FILE``: the chain a command works on, as ``alembic -c`` (one definition).

``dbkit drift``, ``status``, ``report`` and ``situation`` take it; the chain itself is found
by :func:`dbkit.project.in_use` and made the process's chain with :func:`dbkit.revisions.use`.
"""

from __future__ import annotations

import argparse

from dbkit import project, revisions


def add(parser: argparse.ArgumentParser, what: str) -> None:
    """Give ``parser`` the ``-c/--config`` option; ``what``: what the chain is used for."""
    parser.add_argument("-c", "--config", metavar="FILE",
                        help=f"the alembic.ini of the chain {what} (as alembic -c; default: "
                             "ALEMBIC_CONFIG, else ./alembic.ini, else the repository's)")


def use(args: argparse.Namespace) -> None:
    """Make the chain ``-c`` names the chain in use (without ``-c``: the default order)."""
    if args.config:
        revisions.use(project.in_use(args.config))
