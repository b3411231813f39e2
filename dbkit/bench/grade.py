"""How long ``grade`` and ``grade --class`` take, on generated learners' repositories.

    python -m dbkit bench grade                 # one repository, the server already up
    python -m dbkit bench grade --class 30      # a class of 30, two at a time

The targets (issue 21): one repository in at most 10 s once the server is up; a class of 30
in at most 3 minutes on 2 cores. Half the class does what the brief asks (``careful``), half
makes the usual mistakes (``hasty``: a chain that fails with rows, scripts that fail).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit.bench.learners import careful, hasty
from dbkit.bench.review_run import cpu_s

if TYPE_CHECKING:
    from dbkit.pg.server import Server

ONE_TARGET_S = 10.0
CLASS_TARGET_S = 180.0


def measure_one(server: Server, folder: Path) -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of grading one repository, and how many checks pass."""
    from dbkit.grade import grade_repository

    repository = careful(folder)
    started, cpu = time.monotonic(), cpu_s()
    grade = grade_repository(repository, server)
    return time.monotonic() - started, cpu_s() - cpu, grade.passed


def measure_class(server: Server, folder: Path, learners: int, jobs: int) -> tuple[float, int]:
    """Wall-clock seconds of ``grade --class`` on ``learners`` repositories; how many failed."""
    from dbkit.grade.classroom import grade_class

    for i in range(learners):
        (careful if i % 2 == 0 else hasty)(folder / f"learner{i:02d}")
    started = time.monotonic()
    result = grade_class(folder, jobs=jobs, server=server)
    return time.monotonic() - started, sum(1 for x in result.learners if x.problem)
