"""``python -m dbkit shell [-c CODE]``: a Python shell on ENV's database, with the models ready.

The models are those of the moment ``python -m dbkit step`` laid out in
``exercise/work`` (the repository's ``models.py`` when there is none). The
namespace holds every model class, ``session`` (a SQLAlchemy Session on
``ENV``'s database, after its environment marker was checked) and ``select``.
``-c CODE`` runs one statement, as the interactive shell would (an
expression's value is printed); a query the database cannot answer because it
and the models disagree is one line, not a traceback.
"""

from __future__ import annotations

import argparse
import code
from collections.abc import Sequence

from dbkit import database
from dbkit.cli.output import announce
from dbkit.cli.report_error import ExitCode
from dbkit.errors import DbkitError
from dbkit.exercise import workspace
from dbkit.exercise.models import explain, load_models, models_file, namespace


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session

    from dbkit.state import marker

    parser = argparse.ArgumentParser(
        prog="python -m dbkit shell",
        description="A Python shell on ENV's database with the models, `session` and `select`.")
    parser.add_argument("-c", dest="code", metavar="CODE",
                        help="run one statement and exit (an expression's value is printed)")
    args = parser.parse_args(argv)

    path = models_file()
    models = load_models(path)
    target = database.resolve()
    announce(target)
    with database.connected(target) as (target, connection):
        marker.require_environment(connection, target)  # ENV must name the database reached
        with Session(bind=connection) as session:
            names = namespace(models, session)
            if args.code is None:
                code.interact(banner=f"Models from {workspace.shown(path)}: "
                                     f"{', '.join(n for n in names if n[0].isupper())}; "
                                     f"`session` is on the {target.describe()}, with `select`.",
                              local=names, exitmsg="")
                return ExitCode.OK
            try:
                compiled = compile(args.code, "<-c>", "single")
            except SyntaxError as exc:
                raise DbkitError(f"-c is not one Python statement: {exc.msg}") from None
            try:
                exec(compiled, names)
            except DBAPIError as exc:
                raise explain(exc, path) from None
            session.commit()
    return ExitCode.OK
