"""How long ``review --run`` and ``review --class --run`` take, on generated learner repositories.

``make bench`` (``python -m dbkit bench``) times both, as rows of its table (:func:`measure`).
The targets (issue 13): a 10-revision repository in at most 5 s once the server is up; a
class of 30 in at most 3 minutes on 2 cores. The server's start is timed apart.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dbkit.pg.server import Server

REVISION_TARGET_S = 5.0
CLASS_TARGET_S = 180.0

HEAD = '''"""{doc}"""
import sqlalchemy as sa
from alembic import op

revision = "{rev:04d}"
down_revision = {down}


'''

# Ten revisions shaped like a learner's chain for the exercise: create, add, rename, backfill,
# NOT NULL, a second table with a foreign key, a drop + add, an index, a unique constraint.
BODIES = [
    ("create recruits", '''def upgrade():
    op.create_table("recruits", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("full_name", sa.String(100), nullable=False),
                    sa.Column("chatname", sa.String(100), nullable=False),
                    sa.Column("email", sa.String(254)), sa.Column("id_number", sa.String(13)))


def downgrade():
    op.drop_table("recruits")
'''),
    ("add personal email", '''def upgrade():
    op.add_column("recruits", sa.Column("personal_email", sa.String(254)))


def downgrade():
    op.drop_column("recruits", "personal_email")
'''),
    ("backfill personal email", '''def upgrade():
    op.execute("UPDATE recruits SET personal_email = 'p' || id || '@example.invalid' "
               "WHERE personal_email IS NULL")


def downgrade():
    pass
'''),
    ("require personal email", '''def upgrade():
    op.alter_column("recruits", "personal_email", existing_type=sa.String(254), nullable=False)


def downgrade():
    op.alter_column("recruits", "personal_email", existing_type=sa.String(254), nullable=True)
'''),
    ("rename chatname", '''def upgrade():
    op.alter_column("recruits", "chatname", new_column_name="rocketchat_user")


def downgrade():
    op.alter_column("recruits", "rocketchat_user", new_column_name="chatname")
'''),
    ("cohorts table", '''def upgrade():
    op.create_table("cohorts", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(20), nullable=False, unique=True))


def downgrade():
    op.drop_table("cohorts")
'''),
    ("cohort of a recruit", '''def upgrade():
    op.add_column("recruits", sa.Column("cohort_id", sa.Integer,
                                        sa.ForeignKey("cohorts.id", name="fk_recruits_cohort")))


def downgrade():
    op.drop_column("recruits", "cohort_id")
'''),
    ("drop id number (the wrong way round)", '''def upgrade():
    op.drop_column("recruits", "id_number")
    op.add_column("recruits", sa.Column("national_id", sa.String(13)))


def downgrade():
    op.drop_column("recruits", "national_id")
    op.add_column("recruits", sa.Column("id_number", sa.String(13)))
'''),
    ("index on email", '''def upgrade():
    op.create_index("ix_recruits_email", "recruits", ["email"])


def downgrade():
    op.drop_index("ix_recruits_email", table_name="recruits")
'''),
    ("unique personal email", '''def upgrade():
    op.create_unique_constraint("uq_recruits_personal_email", "recruits", ["personal_email"])


def downgrade():
    op.drop_constraint("uq_recruits_personal_email", "recruits")
'''),
]


def write_repository(folder: Path) -> Path:
    versions = folder / "migrations" / "versions"
    versions.mkdir(parents=True)
    for i, (doc, body) in enumerate(BODIES, start=1):
        down = repr(f"{i - 1:04d}") if i > 1 else "None"
        (versions / f"{i:04d}_{doc.split()[0]}_{i}.py").write_text(
            HEAD.format(doc=doc, rev=i, down=down) + body)
    return folder


def cpu_s() -> float:
    """CPU seconds of this process and its finished children (the sandbox), not the server's."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure_run(server: Server, folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one ``review --run`` (the server already up)."""
    from dbkit.review.run import run_chain

    started, cpu = time.monotonic(), cpu_s()
    run_chain(write_repository(folder), server)
    return time.monotonic() - started, cpu_s() - cpu


def measure_class(server: Server, folder: Path, learners: int, jobs: int) -> tuple[float, int]:
    from dbkit.review import classroom, review_paths

    for i in range(learners):
        write_repository(folder / f"learner{i:02d}")
    started = time.monotonic()
    result = classroom.review_class(folder, lambda p: review_paths([p], sql=False)[0], run=True,
                                    jobs=jobs, server=server)
    problems = sum(1 for x in result.learners if x.problem)
    return time.monotonic() - started, problems


def measure(class_size: int, say: Callable[[str], None] = lambda message: None,
            jobs: int = 2) -> dict:
    """The benchmark's reviewer rows: ``review --run`` of one repository and, with
    ``class_size``, ``review --class --run`` of that many, on one throwaway server
    (the same settings ``review --run`` gives its own); the server's start timed apart."""
    import tempfile

    from dbkit.pg.server import throwaway_server

    say("review --run: starting its throwaway server")
    started = time.monotonic()
    server = throwaway_server()
    results: dict = {"review_server_start_s": round(time.monotonic() - started, 2),
                     "review_class_size": class_size, "review_class_s": None,
                     "review_class_problems": None}
    try:
        with tempfile.TemporaryDirectory(prefix="dbkit-bench-review-") as folder:
            say(f"review --run of a {len(BODIES)}-revision chain")
            seconds, cpu = measure_run(server, Path(folder) / "one")
            results.update(review_run_s=round(seconds, 2), review_run_cpu_s=round(cpu, 2),
                           review_run_revisions=len(BODIES))
            if class_size:
                say(f"review --class --run of {class_size} repositories, {jobs} at a time")
                seconds, problems = measure_class(server, Path(folder) / "class", class_size,
                                                  jobs)
                results.update(review_class_s=round(seconds, 1), review_class_problems=problems)
    finally:
        server.remove()
    return results
