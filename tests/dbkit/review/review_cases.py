"""The review corpus, read: one folder per rule, each holding chains (cases) and an expect.toml."""

from __future__ import annotations

import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from dbkit.review import Finding, collect, review
from dbkit.review.chain import scan_root

CORPUS = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Case:
    rule: str  # the folder: a rule id
    name: str  # the chain's folder inside it
    must: frozenset[str]  # "file:line rule"
    must_not: tuple[str, ...]  # "rule" or "file rule"
    sql: bool
    warnings: frozenset[str] | None = None  # which of ``must`` are warnings (None: unchecked)

    @property
    def path(self) -> Path:
        return CORPUS / self.rule / self.name

    @property
    def id(self) -> str:
        return f"{self.rule}/{self.name}"


def load_cases() -> list[Case]:
    cases = []
    for folder in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        expect = tomllib.loads((folder / "expect.toml").read_text())
        for name, entry in expect.items():
            warned = entry.get("warnings")
            cases.append(Case(folder.name, name, frozenset(entry["must"]),
                              tuple(entry.get("must_not", ())), entry.get("sql", False),
                              None if warned is None else frozenset(warned)))
    return cases


def findings(path: Path | str, sql: bool = False) -> list[Finding]:
    """The review of the case at ``path``, as ``python -m dbkit review PATH`` gives it (the
    case's own folder is the repository whose files say how its chain is run)."""
    revisions, report = collect(str(path))
    return review(revisions, report, sql=sql, repository=scan_root(Path(path)))


def as_set(results: list[Finding], base: Path | None = None) -> set[str]:
    """Findings as "file:line rule", the file relative to ``base`` (default: its name)."""
    def shown(file: str) -> str:
        return Path(file).relative_to(base).as_posix() if base else Path(file).name
    return {f"{shown(f.file)}:{f.line} {f.rule}" for f in results}


def forbidden(results: list[Finding], must_not: tuple[str, ...], base: Path) -> list[str]:
    """The findings that match one of ``must_not`` ("rule" or "file rule")."""
    bad = []
    for item in sorted(as_set(results, base)):
        where, rule = item.rsplit(" ", 1)
        file = where.rsplit(":", 1)[0]
        if rule in must_not or f"{file} {rule}" in must_not:
            bad.append(item)
    return bad


def dbkit_review(capsys, *argv: str) -> tuple[int, str, str]:
    """``python -m dbkit review ARGV`` in this process (the same entry, error printing
    included): exit code, stdout, stderr. Faster than a child process; the tests that
    need a real process (the default path, the pre-commit hook) start one."""
    from dbkit.cli import main

    code = main(["review", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def git(repo: Path, *args: str) -> str:
    """Git in a test's repository, as a user with a name and no signing."""
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                           "-c", "commit.gpgsign=false", "-C", str(repo), *args],
                          check=True, capture_output=True, text=True).stdout.strip()


def new_repository(tmp_path: Path) -> Path:
    """An empty git repository in the test's temporary folder."""
    root = tmp_path / "project"
    root.mkdir()
    git(root, "init", "-q")
    return root


def commit_revisions(repo: Path, files: dict[str, str | None], message: str) -> str:
    """Write (or, for None, delete) these files of ``versions/`` and commit them all: the
    commit's short hash."""
    for name, text in files.items():
        path = repo / "versions" / name
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "--short", "HEAD")
