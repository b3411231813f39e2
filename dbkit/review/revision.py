"""A revision file as the reviewer read it (:class:`Revision`), and its header's names
(``revision``, ``down_revision``, ``branch_labels``, ``depends_on``), each read into it.
:mod:`~dbkit.review.reader` fills it in."""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from dbkit.review.ops import Op
from dbkit.review.undefined import before, first_undefined


@dataclass(frozen=True)
class Ignore:
    line: int
    rules: tuple[str, ...]
    reason: str  # "" when the comment gives none


@dataclass
class Revision:
    path: Path
    shown: str  # the path as the user gave it or as we found it
    revision: str | None = None
    revision_line: int = 1
    down_revision: tuple[str, ...] | None = None
    has_down_revision: bool = False
    down_line: int = 1
    upgrade: list[Op] = field(default_factory=list)
    downgrade: list[Op] = field(default_factory=list)
    upgrade_line: int | None = None
    downgrade_line: int | None = None
    upgrade_empty: bool = True
    downgrade_empty: bool = True
    downgrade_raises: bool = False
    fails_at: tuple[str, int] | None = None  # (name, line): upgrade() stops there, NameError
    branch_labels: tuple[str, ...] = ()
    depends_on: tuple[str, ...] = ()
    markers: dict[int, str] = field(default_factory=dict)
    ignores: dict[int, Ignore] = field(default_factory=dict)
    comment_lines: set[int] = field(default_factory=set)
    error: str | None = None
    not_read: str | None = None  # why the file was not read at all (also in ``error``)
    python2: bool = False  # it does not parse, but parses as Python 2 (``error`` says so)
    syntax_error: str | None = None  # why it does not parse, when it is not Python 2
    # it does not parse here, and the project declares a newer Python ("3.12"; ``error`` says so)
    newer_python: str | None = None

    def reached(self, tree: ast.Module, upgrade: ast.FunctionDef) -> ast.FunctionDef:
        """upgrade() up to the first name nothing defines, where Python stops (undefined.py)."""
        self.fails_at = first_undefined(tree, upgrade)
        return before(upgrade, self.fails_at[1]) if self.fails_at else upgrade

    @functools.cached_property
    def key(self) -> Path:
        """The file's resolved path: what reports and --diff-base compare."""
        return self.path.resolve()

    @property
    def name(self) -> str:
        return self.revision or self.path.stem

    def marker_for(self, op: Op) -> str | None:
        """The data-kept-in marker on the op's lines or in the comments right above it."""
        for line in range(op.line, op.end_line + 1):
            if line in self.markers:
                return self.markers[line]
        line = op.line - 1
        while line in self.comment_lines:
            if line in self.markers:
                return self.markers[line]
            line -= 1
        return None



    def ignore_for(self, line: int, rule: str) -> Ignore | None:
        """The ignore comment for ``rule`` on ``line`` or in the comment block right above it."""
        candidates = [line]
        above = line - 1
        while above in self.comment_lines:
            candidates.append(above)
            above -= 1
        for number in candidates:
            ignore = self.ignores.get(number)
            if ignore and any(r == rule or (r.endswith(":*") and rule.startswith(r[:-1]))
                              for r in ignore.rules):
                return ignore
        return None


def not_header(rev: Revision, value: object, line: int) -> None:
    pass


def _revision(rev: Revision, value: object, line: int) -> None:
    rev.revision = value if isinstance(value, str) else None
    rev.revision_line = line


def _down_revision(rev: Revision, value: object, line: int) -> None:
    rev.has_down_revision = True
    rev.down_line = line
    if isinstance(value, str):
        rev.down_revision = (value,)
    elif isinstance(value, (tuple, list)):
        rev.down_revision = tuple(d for d in value if isinstance(d, str))


def _branch_labels(rev: Revision, value: object, line: int) -> None:
    if isinstance(value, str):
        value = (value,)
    if value is not None:  # a label we cannot read (cli.EXPAND_BRANCH) is a label
        rev.branch_labels = tuple(x if isinstance(x, str) else f"?{rev.path.name}"
                                  for x in value) if isinstance(value, tuple) \
            else (f"?{rev.path.name}",)


def _depends_on(rev: Revision, value: object, line: int) -> None:
    # "" is no dependency (Alembic's RevisionMap skips it)
    rev.depends_on = (value,) if isinstance(value, str) and value else tuple(
        x for x in value if isinstance(x, str) and x) if isinstance(value, tuple) else ()


# The revision header's names, each read into the Revision.
HEADER = {"revision": _revision, "down_revision": _down_revision,
          "branch_labels": _branch_labels, "depends_on": _depends_on}


def read_comments(rev: Revision, source: str, marker: re.Pattern[str], ignore_: re.Pattern[str]
                  ) -> None:
    """The file's ``# dbkit: data-kept-in`` markers (``marker``), ``# dbkit: ignore[...]``
    comments (``ignore_``) and whole-line comments, by line."""
    if "dbkit:" not in source:  # no marker, no ignore: nothing to tokenize for
        return
    lines = source.splitlines()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT:
                line = token.start[0]
                match = marker.search(token.string)
                if match:
                    rev.markers[line] = match["where"]
                ignore = ignore_.search(token.string)
                if ignore:
                    rules = tuple(r.strip() for r in ignore["rules"].split(",") if r.strip())
                    reason = re.match(r"because\s+(?P<why>\S.*)", ignore["rest"])
                    rev.ignores[line] = Ignore(line, rules, reason["why"] if reason else "")
                if lines[line - 1].strip().startswith("#"):
                    rev.comment_lines.add(line)
    except (tokenize.TokenError, IndentationError):
        pass


@functools.lru_cache(maxsize=1024)
def source_of(path: Path) -> str:
    """The text of a revision file, read once ("" when it cannot be read again)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
