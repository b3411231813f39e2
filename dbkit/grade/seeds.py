"""``seeding-scripts``: the brief's four scripts, each run against a copy of the head database."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import sqlalchemy as sa
from sqlalchemy.pool import NullPool

from dbkit.grade import head as heads
from dbkit.grade.verdicts import FAIL, PASS, UNCLEAR
from dbkit.sandbox import Session


class RunDatabase(Protocol):
    """What the grader uses of ``review --run``'s database of one run."""

    name: str

    def url(self, name: str | None = None, *, admin: bool = False,
            socket: str | None = None) -> str: ...

    def create(self, name: str, template: str) -> None: ...

    def drop(self, name: str) -> None: ...

    def end_sessions(self) -> None: ...


SCRIPTS = ("create_recruits.py", "create_c26_recruits.py", "create_c27_recruits.py",
           "create_c28_recruits.py")
SCRIPT_TIMEOUT_S = 20.0
SKIPPED_FOLDERS = {".git", ".venv", "venv", "env", ".env", "node_modules", "__pycache__",
                   "site-packages", ".idea", ".vscode", ".tox", "build", "dist"}
MAX_MODULES = 200


@dataclass
class ScriptRun:
    name: str
    path: str | None = None  # as found in the repository, relative to it
    near: list[str] = field(default_factory=list)  # similar names, when it is missing
    added: int = 0
    cohorts: list[str | None] = field(default_factory=list)
    error: str | None = None
    line: int | None = None
    stubbed: list[str] = field(default_factory=list)
    refused: bool = False  # the error came from the database: the script's own SQL failed
    connected: list[str] = field(default_factory=list)
    ran: bool = False
    why_not_run: str | None = None

    @property
    def cohort_number(self) -> str | None:
        found = re.search(r"c(\d\d)", self.name)
        return found[1] if found else None

    def verdict(self) -> tuple[str, str]:
        """pass / fail / unclear, and why, in one line."""
        where = self.path or self.name
        if self.path is None:
            near = f" (found: {', '.join(self.near)})" if self.near else ""
            return FAIL, f"{self.name} is missing{near}"
        if not self.ran:
            return UNCLEAR, f"{where} not run: {self.why_not_run}"
        stub = (f"; it imports {', '.join(self.stubbed)}, not installed here (stood in for)"
                if self.stubbed else "")
        at = f" (line {self.line})" if self.line else ""
        if self.added == 0:
            if self.stubbed and self.error and self.refused:
                return FAIL, f"{where} fails with {self.error}{at}: no recruit added{stub}"
            if self.stubbed:
                return UNCLEAR, f"{where} added no recruits{stub}" + (
                    f"; it stopped with {self.error}{at}" if self.error else "")
            if self.error:
                return FAIL, f"{where} fails with {self.error}{at}: no recruit added"
            return FAIL, f"{where} runs without error but adds no recruit"
        shown = ", ".join(sorted({repr(c) for c in self.cohorts}))
        number = self.cohort_number
        if number is not None:
            wrong = [c for c in self.cohorts if c is None
                     or not re.search(rf"(?<!\d){number}(?!\d)", c)]
            if wrong:
                return FAIL, (f"{where} adds {_recruits(self.added)}, {len(wrong)} of them not in "
                              f"C{number} (cohorts: {shown})")
        after = f"; then it stops with {self.error}{at}" if self.error else ""
        return PASS, f"{where} adds {_recruits(self.added)}, cohort {shown}{after}"

    def as_json(self) -> dict:
        verdict, why = self.verdict()
        return {"name": self.name, "path": self.path, "verdict": verdict, "evidence": why,
                "added": self.added, "cohorts": self.cohorts, "error": self.error,
                "line": self.line, "stubbed": self.stubbed, "connected": self.connected,
                "near": self.near}


def _recruits(count: int) -> str:
    return f"{count} recruit{'s' * (count != 1)}"


def python_files(repository: Path, skip: frozenset[Path] | set[Path] = frozenset()) -> list[Path]:
    """The repository's own Python files (no virtualenv, no revision folder), shallow first."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(repository):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS
                               and not d.startswith(".") and Path(folder, d) not in skip
                               and not _is_virtualenv(Path(folder, d)))
        found += [Path(folder, f) for f in sorted(files) if f.endswith(".py")
                  and not Path(folder, f).is_symlink()]
    found.sort(key=lambda p: (len(p.relative_to(repository).parts), str(p)))
    return found[:MAX_MODULES]


def _is_virtualenv(folder: Path) -> bool:
    """A virtualenv committed under any name (``enviro/``): not the learner's own code."""
    return (folder / "pyvenv.cfg").is_file() or (folder / "bin" / "activate").is_file()


def find_scripts(repository: Path, files: list[Path]) -> list[ScriptRun]:
    by_name: dict[str, Path] = {}
    for path in files:
        by_name.setdefault(path.name.lower(), path)
    runs = []
    for name in SCRIPTS:
        found = by_name.get(name)
        run = ScriptRun(name, str(found.relative_to(repository)) if found else None)
        if found is None:
            close = difflib.get_close_matches(name, list(by_name), n=3, cutoff=0.6)
            number = re.search(r"c\d\d", name)
            if number:
                close += [n for n in by_name if number[0] in n and n not in close]
            run.near = [str(by_name[n].relative_to(repository)) for n in close[:3]]
        runs.append(run)
    return runs


def run_scripts(runs: list[ScriptRun], repository: Path, modules: list[Path],
                database: RunDatabase, session: Session, schema: heads.Schema, recruits: str,
                source: heads.CohortSource | None) -> None:
    """Each found script on its own copy of the head database; what it added, with which cohort."""
    present = [(r, r.path) for r in runs if r.path is not None]
    if not present:
        return
    module_ids = session.add_files(modules)
    script_ids = session.add_files([repository / path for _, path in present])
    for number, ((run, _), script) in enumerate(zip(present, script_ids, strict=True)):
        copy = f"{database.name}_seed{number}"
        database.create(copy, database.name)
        try:
            for module in module_ids:
                session.call({"kind": "module", "file": module}, SCRIPT_TIMEOUT_S)
            before = _labels(database, copy, schema, recruits, source)
            url = database.url(copy, socket=session.database_host)
            outcome = session.call({"kind": "seed", "file": script, "url": url,
                                    "name": run.name}, SCRIPT_TIMEOUT_S)
            run.ran = True
            if isinstance(outcome, dict):
                run.error, run.line = outcome.get("error"), outcome.get("line")
                run.stubbed = list(outcome.get("stubbed") or [])
                run.refused = bool(outcome.get("refused"))
                run.connected = list(outcome.get("connected") or [])
            else:  # the sandbox's Failed: timed out, or the process ended
                run.error = getattr(outcome, "reason", str(outcome))
            database.end_sessions()
            after = _labels(database, copy, schema, recruits, source)
            new = [k for k in after if k not in before]
            run.added, run.cohorts = len(new), [after[k] for k in new]
        finally:
            database.drop(copy)


def _labels(database: RunDatabase, name: str, schema: heads.Schema, recruits: str,
            source: heads.CohortSource | None) -> dict[tuple, str | None]:
    engine = sa.create_engine(database.url(name, admin=True), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            if source is None:
                table = schema[recruits]
                key = ", ".join(f'"{k}"::text' for k in (table.key or tuple(table.columns)))
                return {tuple(r): None for r in conn.execute(sa.text(f'SELECT {key} FROM "{recruits}"'))}
            return heads.cohort_labels(conn, schema, recruits, source)
    finally:
        engine.dispose()
