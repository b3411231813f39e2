"""A class graded at once: a row per learner, a column per check of the brief.

``grade_class(source)`` takes what ``review --class`` takes (a folder of clones, or a file
listing repository paths; :func:`dbkit.review.classroom.repositories`) and grades each
repository on one throwaway server, ``jobs`` at a time, each learner in a database, a role
and a sandbox process of their own. A folder that is no repository (no ``.git``, no chain) or
that cannot be graded is a row saying why; the class goes on. ``shard=(k, n)`` grades every
n-th learner from the k-th (1-based), and :func:`merge` puts the shards' JSON back together.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from dbkit.errors import DbkitError
from dbkit.grade import DEFAULT_COMMITS, Grade, grade_repository
from dbkit.grade.verdicts import CHECK_IDS, Check
from dbkit.pg.server import Server
from dbkit.review.classroom import repositories


@dataclass
class GradedLearner:
    name: str
    path: str
    grade: Grade | None = None
    problem: str | None = None  # why the repository could not be graded

    def as_json(self) -> dict:
        return {"name": self.name, "path": self.path, "problem": self.problem,
                "grade": self.grade.as_json() if self.grade else None}

    @classmethod
    def from_json(cls, data: dict) -> GradedLearner:
        grade = None
        if data.get("grade"):
            g = data["grade"]
            grade = Grade(g["path"], [Check(c["id"], c["verdict"], c["summary"],
                                            list(c.get("evidence") or []),
                                            list(c.get("notes") or []))
                                      for c in g.get("checks") or []],
                          list(g.get("matched") or []), g.get("problem"),
                          float(g.get("seconds") or 0), g.get("runs_as"))
        return cls(str(data["name"]), str(data["path"]), grade, data.get("problem"))


@dataclass
class GradedClass:
    source: str
    learners: list[GradedLearner] = field(default_factory=list)
    commits_threshold: int = DEFAULT_COMMITS
    seconds: float = 0.0

    def as_json(self) -> dict:
        return {"source": self.source, "checks": list(CHECK_IDS),
                "commits_threshold": self.commits_threshold, "seconds": round(self.seconds, 2),
                "learners": [x.as_json() for x in self.learners]}


def grade_class(source: Path, *, jobs: int = 2, server: Server | None = None,
                commits_threshold: int = DEFAULT_COMMITS, shard: tuple[int, int] | None = None,
                on_done: Callable[[str], None] | None = None) -> GradedClass:
    """Every learner's grade; ``on_done(name)`` after each (a progress bar)."""
    import time

    started = time.monotonic()
    found = repositories(Path(source))
    if shard is not None:
        k, n = shard
        if not 1 <= k <= n:
            raise DbkitError(f"--shard {k}/{n}: the shard is a number from 1 to {n}")
        found = found[k - 1::n]
    learners = [GradedLearner(name, str(path)) for name, path in found]
    for learner in learners:
        learner.problem = _why_not(Path(learner.path))
    owned = None
    if server is None and any(learner.problem is None for learner in learners):
        from dbkit.pg.server import throwaway_server

        server = owned = throwaway_server()
    try:
        with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
            futures = {pool.submit(_grade_one, learner, server, commits_threshold): learner
                       for learner in learners if learner.problem is None}
            for future in as_completed(futures):
                future.result()
                if on_done is not None:
                    on_done(futures[future].name)
    finally:
        if owned is not None:
            owned.remove()
    return GradedClass(str(source), learners, commits_threshold, time.monotonic() - started)


def _why_not(path: Path) -> str | None:
    """Why the folder cannot be graded (not a folder, not a repository), or None."""
    if not path.is_dir():
        return f"{path} is not a folder"
    if not (path / ".git").exists() and not _has_chain(path):
        return "not a repository: no .git and no Alembic chain in it"
    return None


def _grade_one(learner: GradedLearner, server: Server | None, commits_threshold: int) -> None:
    try:
        learner.grade = grade_repository(Path(learner.path), server,
                                         commits_threshold=commits_threshold)
    except DbkitError as exc:
        learner.problem = str(exc).splitlines()[0]
    except Exception as exc:  # one learner's odd repository never ends the class
        learner.problem = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]


def _has_chain(path: Path) -> bool:
    from dbkit.grade.chain import find_chain

    try:
        return bool(find_chain(path))
    except DbkitError:
        return False


def merge(files: list[Path]) -> GradedClass:
    """The shards' JSON (``grade --class ... --format json``) as one class, learners by name."""
    learners: dict[str, GradedLearner] = {}
    sources, threshold, seconds = [], DEFAULT_COMMITS, 0.0
    for file in files:
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
            sources.append(str(data["source"]))
            threshold = int(data.get("commits_threshold", threshold))
            seconds = max(seconds, float(data.get("seconds") or 0))
            for item in data["learners"]:
                learner = GradedLearner.from_json(item)
                learners[learner.name] = learner
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DbkitError(f"{file} is not the JSON of grade --class: "
                             f"{type(exc).__name__}: {exc}".splitlines()[0]) from None
    return GradedClass(" + ".join(dict.fromkeys(sources)), [learners[k] for k in sorted(learners)],
                       threshold, seconds)
