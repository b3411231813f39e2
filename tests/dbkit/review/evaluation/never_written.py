"""Measure, against the labels, whether git history shows a table or column was never written.

    python tests/dbkit/review/evaluation/never_written.py [--split S ...] [--out FILE]

For every labelled error of data-dropped, rename-as-drop-add and not-null-without-backfill on
a split whose chains are fetched (/work/chains-<split>/<owner>+<name>), it reads the table and
column the message names and computes, with git only, the signals issue 19's h19zr asks
about (the readers' "F-empty": never written by the application):

- ``a``: the revision files that make the table (``create_table``/``CREATE TABLE``) or the
  column (``add_column``, or a ``create_table`` holding it) were all added to the repository
  in the commit that added the revision the error is on (idea a); ``a<=3`` when that commit
  added at most three revision files (a chain imported or restarted in one commit adds them
  all); ``a+`` when, besides, the object was new there (a column of a table made earlier; a
  table nothing outside revision files names at the parent of that commit);
- ``w``: nothing outside revision files names the column (for a table or a NOT NULL: the
  table and its model classes) in the tree of the making commit nor in any change after it up
  to the parent of the commit adding the error's revision (idea b, over that window);
- ``w-models``: the same, lines that only declare it in a model counting as silent
  (``name = Column(`` with no foreign key and no default but a literal, ``__tablename__``,
  ``class X(``), and declared somewhere. A git failure (a blob absent from the snapshot)
  counts as naming it.

It prints, per split and idea, how many F-empty each would turn into warnings and how many T
(and F) it would take too, and writes one line per error to --out.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("held-out13", "held-out12", "held-out11", "held-out10", "held-out9", "dev11", "dev12")
RULES = ("data-dropped", "rename-as-drop-add", "not-null-without-backfill")
_NAMES = [
    re.compile(r"^Drops column (?P<t>[\w.\"]+)\.(?P<c>[\w\"]+)"),
    re.compile(r"^Drops table (?P<t>[\w.\"]+)"),
    re.compile(r"^\"?Adds (?P<t>[\w.\"]+)\.(?P<c>[\w\"]+) as NOT NULL"),
    re.compile(r"^(?P<t>[\w.\"]+)\.(?P<c>[\w\"]+) is made NOT NULL"),
    re.compile(r"^\"?Table (?P<t>[\w.\"]+) is dropped"),
    re.compile(r"^\"?Column (?P<t>[\w.\"]+)\.(?P<c>[\w\"]+) is dropped"),
    re.compile(r"^\"?(?P<t>[\w\"]+)\.(?P<c>[\w\"]+) is dropped and"),
]
_REVISION = re.compile(r"^revision\s*(:[^=\n]*)?=", re.M)
_DOWN = re.compile(r"^down_revision\s*(:[^=\n]*)?=", re.M)


UNREAD = "\0unread\0"  # what git could not read (a blob missing from a partial clone)


def git(repo: Path, *args: str) -> str:
    """git's output; for grep and log, a line UNREAD too when git failed (rc > 1): what it
    could not read may name anything."""
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          errors="replace", timeout=120)
    if args[0] in ("grep", "log") and done.returncode > 1:
        return done.stdout + "\n" + UNREAD
    return done.stdout


def names(message: str) -> tuple[str, str | None] | None:
    for pattern in _NAMES:
        m = pattern.match(message)
        if m:
            table = m["t"].replace('"', "").rpartition(".")[2]
            column = m.groupdict().get("c")
            return table, column.replace('"', "") if column else None
    return None


class Repo:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._added: dict[str, str] | None = None
        self._grep: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._revfile: dict[tuple[str, str], bool] = {}

    def added(self) -> dict[str, str]:
        """Each file's first adding commit (oldest), for .py files."""
        if self._added is None:
            out = git(self.path, "log", "--diff-filter=A", "--no-renames", "--name-only",
                      "--format=@%H", "--", "*.py")
            self._added = {}
            commit = ""
            for line in out.splitlines():
                if line.startswith("@"):
                    commit = line[1:]
                elif line:
                    self._added[line] = commit  # (log is newest first: the oldest stays)
            texts: dict[str, list[str]] = {}
            for file, commit in self._added.items():
                texts.setdefault(commit, []).append(file)
            self._files_by_commit = texts
        return self._added

    def revision_files_added(self, commit: str, folder: str) -> int:
        self.added()
        return sum(1 for f in self._files_by_commit.get(commit, ()) if f.startswith(folder))

    def is_revision(self, commit: str, file: str) -> bool:
        key = (commit, file)
        if key not in self._revfile:
            if not file.endswith(".py"):
                self._revfile[key] = False
            else:
                text = git(self.path, "show", f"{commit}:{file}")
                self._revfile[key] = bool(_REVISION.search(text) and _DOWN.search(text))
        return self._revfile[key]

    def grep(self, commit: str, name: str) -> list[tuple[str, str]]:
        """(file, line text) of every line naming ``name`` as a word at ``commit``."""
        key = (commit, name)
        if key not in self._grep:
            out = git(self.path, "grep", "-I", "-w", "-i", "-e", name, commit, "--")
            hits = []
            for line in out.splitlines():
                if line == UNREAD:
                    hits.append(("", UNREAD))
                    continue
                rest = line[len(commit) + 1:]
                file, _, text = rest.partition(":")
                hits.append((file, text))
            self._grep[key] = hits
        return self._grep[key]


_DECL = r"^\s*{n}\s*(:\s*Mapped\[.*\])?\s*=\s*(\w+\.)*(Column|mapped_column)\("
_STRDECL = r"(Column|mapped_column)\(\s*['\"]{n}['\"]"
_TABLENAME = r"__tablename__\s*=\s*['\"]{n}['\"]"
_CLASS = re.compile(r"^\s*class\s+(\w+)\s*\(")


def declares(text: str, name: str, table: bool) -> bool:
    n = re.escape(name)
    if table:
        return bool(re.search(_TABLENAME.format(n=n), text, re.I))
    return bool(re.search(_DECL.format(n=n), text, re.I) or re.search(_STRDECL.format(n=n),
                                                                          text, re.I))


def outside(repo: Repo, commit: str, name: str) -> list[tuple[str, str]]:
    return [(f, t) for f, t in repo.grep(commit, name) if not repo.is_revision(commit, f)]


def makers(repo: Repo, folder: str, table: str, column: str | None) -> list[str]:
    """Revision files under folder (at HEAD) that seem to make the table or column."""
    t = re.escape(table)
    if column:
        c = re.escape(column)
        pats = [rf"add_column\(\s*['\"]{t}['\"][^)]*['\"]{c}['\"]",
                rf"ADD\s+(COLUMN\s+)?(IF NOT EXISTS\s+)?\"?{c}\"?\s"]
    else:
        pats = [rf"create_table\(\s*['\"]{t}['\"]", rf"CREATE\s+TABLE\s+(IF NOT EXISTS\s+)?"
                rf"(\w+\.)?\"?{t}\"?[\s(]", rf"rename_table\([^)]*['\"]{t}['\"]\s*\)"]
    out = []
    for file in repo.added():
        if not file.startswith(folder):
            continue
        try:
            text = (repo.path / file).read_text(errors="replace")
        except OSError:
            continue
        made = re.search(rf"create_table\(\s*['\"]{t}['\"]", text) if column else None
        held = made is not None and bool(re.search(
            rf"Column\(\s*['\"]{re.escape(column or '')}['\"]", text[made.end():][:6000]))
        if held or any(re.search(p, text, re.I) for p in pats):
            out.append(file)
    return out


def labels(split: str) -> list[list[str]]:
    rows: dict[tuple[str, ...], list[str]] = {}
    for name in ("errors-read.tsv", "errors-after.tsv"):
        path = HERE / split / name
        if not path.is_file():
            continue
        with path.open(newline="") as fh:
            for r in csv.reader(fh, delimiter="\t"):
                if r and not r[0].startswith("#") and len(r) > 5 and r[4] in RULES:
                    rows[(r[1], r[2], r[3], r[4], " ".join(r[5].split()))] = r
    return list(rows.values())


def latest(repo: Repo, commits: set[str]) -> str:
    dated = [(int(git(repo.path, "log", "-1", "--format=%ct", c).strip() or 0), c)
             for c in commits]
    return max(dated)[1]


def changed_lines(repo: Repo, start: str, end: str, name: str, folder: str) -> list[str]:
    """Lines naming ``name`` added or removed outside revision files by start..end."""
    out = git(repo.path, "log", "-p", "--no-merges", "-i", f"-G\\b{name}\\b", "--format=@%H",
              "--unified=0", f"{start}..{end}", "--", ".", f":(exclude){folder}")
    lines, file, commit = [], "", ""
    for line in out.splitlines():
        if line == UNREAD:
            lines.append(UNREAD)
        elif line.startswith("@") and not line.startswith("@@"):
            commit = line[1:]
        elif line.startswith("+++ b/") or line.startswith("--- a/"):
            file = line[6:]
        elif line[:1] in "+-" and not line.startswith(("+++", "---")) \
                and re.search(rf"\b{re.escape(name)}\b", line, re.I):
            if repo.is_revision(commit, file):
                continue
            lines.append(line[1:])
    return lines


def silent(text: str, name: str, kind: str) -> bool:
    """Does the line only declare the name: a model's column with no default that writes
    values and no foreign key, a table's __tablename__, a class's own ``class`` line?"""
    if kind == "class":
        return bool(re.match(rf"^\s*class\s+{re.escape(name)}\b", text))
    if not declares(text, name, kind == "table"):
        return False
    if kind == "table":
        return True
    if re.search(r"ForeignKey|relationship", text):
        return False
    m = re.search(r"\bdefault\s*=\s*([^,)]+)", text)
    if m and not re.fullmatch(r"\s*(-?\d+(\.\d+)?|True|False|None|'[^']*'|\"[^\"]*\")\s*",
                              m[1]):
        return False
    return not re.search(r"onupdate|server_default", text)


def classes(repo: Repo, commit: str, table: str) -> set[str]:
    found = set()
    for file, _ in repo.grep(commit, table):
        if repo.is_revision(commit, file):
            continue
        last = None
        for line in git(repo.path, "show", f"{commit}:{file}").splitlines():
            m = _CLASS.match(line)
            if m:
                last = m[1]
            if declares(line, table, True) and last:
                found.add(last)
    return found


_EVIDENCE: dict[tuple[object, ...], tuple[bool, bool]] = {}


def evidence(repo: Repo, made: str, commit: str, folder: str,
             terms: list[tuple[str, str]]) -> tuple[bool, bool]:
    """(named nowhere, named only where declared) outside revision files, in the tree of
    ``made`` and in every change after it up to the parent of ``commit``."""
    key = (str(repo.path), made, commit, folder, tuple(terms))
    if key in _EVIDENCE:
        return _EVIDENCE[key]
    nowhere = quiet = True
    for name, kind in terms:
        lines = [t for _, t in outside(repo, made, name)]
        if made != commit:
            lines += changed_lines(repo, made, commit + "^", name, folder)
        nowhere = nowhere and not lines
        # (declared somewhere: a name nothing declares may be spelled another way, a
        # __tablename__ made from the class's name, a column of a reflected table)
        quiet = quiet and bool(lines) and all(silent(t, name, kind) for t in lines)
    _EVIDENCE[key] = nowhere, quiet
    return nowhere, quiet


def measure(split: str, out: list[list[str]]) -> Counter[tuple[str, str]]:
    root = Path(f"/work/chains-{split}")
    repos: dict[str, Repo] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for row in labels(split):
        label, chain, file, line, rule, message = row[:6]
        path = root / chain.replace("/", "+")
        if not path.is_dir():
            continue
        repo = repos.setdefault(chain, Repo(path))
        got = names(message)
        counts[(label, "all")] += 1
        if got is None:
            out.append([split, label, chain, file, line, rule, "?", "", "", "", "", ""])
            continue
        table, column = got
        added = repo.added()
        commit = added.get(file)
        if not commit:
            out.append([split, label, chain, file, line, rule, table, column or "", "no-commit",
                        "", "", ""])
            continue
        folder = file.rpartition("/")[0] + "/"
        bulk = repo.revision_files_added(commit, folder)
        results = []  # (same, mbulk, nowhere, quiet) per question asked
        asks: list[tuple[str, str | None]] = [(table, None)]
        if column and rule != "not-null-without-backfill":
            asks.append((table, column))
        for t, c in asks:
            made = [f for f in makers(repo, folder, t, c) if f in added and f != file]
            if not made:
                continue
            made_commits = {added[f] for f in made}
            m = latest(repo, made_commits)
            mbulk = repo.revision_files_added(m, folder)
            if c:
                terms = [(c, "column")]
            else:
                terms = [(t, "table")] + [(k, "class") for k in
                                          classes(repo, m, t) | classes(repo, commit + "^", t)]
            nowhere, quiet = evidence(repo, m, commit, folder, terms)
            same = made_commits == {commit}
            new = False  # idea a+: made and dropped in one small commit, and new there
            if same and mbulk <= 3:
                if c:
                    new = any(added.get(f) != commit for f in makers(repo, folder, t, None)
                              if f in added) or not makers(repo, folder, t, None)
                else:
                    parent = git(repo.path, "rev-parse", "-q", "--verify", f"{m}^").strip()
                    new = bool(parent) and not any(outside(repo, parent, n) for n, _ in terms)
            results.append((same, mbulk, nowhere, quiet, new))
        same = any(r[0] for r in results)
        for idea, hit in (("a", same), ("a<=3", any(r[0] and r[1] <= 3 for r in results)),
                          ("w", any(r[2] and r[1] <= 3 for r in results)),
                          ("w-models", any(r[3] and r[1] <= 3 for r in results)),
                          ("w-models<=1", any(r[3] and r[1] <= 1 for r in results)),
                          ("a+", any(r[4] for r in results)),
                          ("a+|w-models", any(r[4] or (r[3] and r[1] <= 3) for r in results))):
            if hit:
                counts[(label, idea)] += 1
        out.append([split, label, chain, file, line, rule, table, column or "", commit[:10],
                    f"bulk={bulk}", " ".join(f"same={int(r[0])}/mbulk={r[1]}/nowhere={int(r[2])}"
                                             f"/models={int(r[3])}/new={int(r[4])}" for r in results)])
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", action="append")
    parser.add_argument("--out", default="/tmp/never_written.tsv")
    args = parser.parse_args()
    rows: list[list[str]] = []
    total: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for split in args.split or SPLITS:
        counts = measure(split, rows)
        total[split] = counts
        ideas = ("a", "a<=3", "w", "w-models", "w-models<=1", "a+", "a+|w-models")
        print(split, " ".join(f"{lab}={counts[(lab, 'all')]}" for lab in ("T", "F", "F-empty", "?")))
        for idea in ideas:
            print(f"  {idea:14} F-empty {counts[('F-empty', idea)]:3}  T {counts[('T', idea)]:3}"
                  f"  F {counts[('F', idea)]:3}  ? {counts[('?', idea)]:3}")
    with Path(args.out).open("w", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
