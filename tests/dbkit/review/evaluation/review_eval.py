"""Evaluate the reviewer on fetched public chains, by hand (CI cannot fetch them).

    python tests/dbkit/review/evaluation/review_eval.py errors  ROOT [--split dev] [--out DIR]
    python tests/dbkit/review/evaluation/review_eval.py drops   ROOT [--split held-out] [--out DIR]
    python tests/dbkit/review/evaluation/review_eval.py score   ROOT --labels FILE [--split ...]

ROOT holds one clone per chain of ``chains.toml``, named ``<owner>+<name>`` and checked out
at the listed commit. ``errors`` runs ``python -m dbkit review --no-squawk --format json`` on
each chain's paths, counts errors by rule and writes one line per error
(``errors.tsv``: chain, file, line, rule, message) for reading by hand. ``drops`` is the
recall lister: every ``drop_column``, ``drop_table``, ``alter_column(..., nullable=False)``,
``add_column`` of a NOT NULL column without a server default, and raw
``DROP TABLE``/``DROP COLUMN``/``SET NOT NULL`` in the upgrades (``drops.tsv``), with
whether the reviewer reported an error in that file naming the object. ``score`` reads a
labels file (the tsv with a first column ``T``/``F`` for errors, ``lost``/``kept`` for
drops) and prints precision and recall per chain.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import subprocess
import sys
import time
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[3]
SKIP = {".git", ".venv", "venv", "node_modules", "site-packages", "__pycache__"}
RAW = re.compile(r"\b(DROP\s+TABLE|DROP\s+COLUMN|SET\s+NOT\s+NULL)\b", re.I)


def chains(root: Path, split: str | None, project: str = str(PROJECT)) -> list[dict]:
    listed = tomllib.loads((HERE / "chains.toml").read_text())["chain"]
    found = []
    for chain in listed:
        if split and chain["split"] != split:
            continue
        clone = root / chain["repo"].replace("/", "+")
        if not clone.is_dir():
            print(f"missing: {clone} (fetch {chain['repo']} at {chain['commit']})", file=sys.stderr)
            continue
        head = subprocess.run(["git", "-C", str(clone), "rev-parse", "HEAD"], text=True,
                              capture_output=True).stdout.strip()
        if head != chain["commit"]:
            print(f"warning: {clone} is at {head[:10]}, not {chain['commit'][:10]}",
                  file=sys.stderr)
        found.append({**chain, "clone": clone, "project": project})
    return found


def review(chain: dict, python: str, extra: list[str]) -> tuple[list[dict], str, float]:
    paths = [str(chain["clone"] / p) for p in chain["paths"]]
    start = time.perf_counter()
    done = subprocess.run([python, "-m", "dbkit", "review", "--no-squawk", "--format", "json",
                           *extra, *paths], cwd=chain["project"], text=True, capture_output=True)
    took = time.perf_counter() - start
    try:
        findings = json.loads(done.stdout or "[]")
    except json.JSONDecodeError:
        findings = []
    note = f"exit {done.returncode}" + (f": {done.stderr.strip()[-300:]}" if done.stderr else "")
    return findings, note, took


def shown(chain: dict, file: str) -> str:
    try:
        return str(Path(file).resolve().relative_to(chain["clone"]))
    except ValueError:
        return file


def cmd_errors(args: argparse.Namespace) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for chain in chains(Path(args.root), args.split, args.project):
        findings, note, took = review(chain, args.python, args.extra)
        (out / f"{chain['clone'].name}.json").write_text(json.dumps(findings, indent=1))
        errors = [f for f in findings if f["severity"] == "error"]
        warnings = len(findings) - len(errors)
        by_rule = Counter(f["rule"] for f in errors)
        print(f"{chain['repo']:<28} {chain['split']:<8} {len(errors):>4} errors "
              f"{warnings:>4} warnings {took:5.1f}s  {note[:120]}")
        for rule, n in by_rule.most_common():
            print(f"    {n:>4}  {rule}")
        for f in errors:
            rows.append(["", chain["repo"], shown(chain, f["file"]), f["line"], f["rule"],
                         " ".join(f["message"].split())])
    with (out / "errors.tsv").open("w", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows(rows)
    print(f"{len(rows)} errors written to {out / 'errors.tsv'}")


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _literal(node: ast.AST | None) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    if node is None:
        return "?"
    return ast.unparse(node)[:40]


def _kw(node: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in node.keywords if k.arg == name), None)


def _strings(node: ast.AST) -> list[str]:
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found.append(sub.value)
        elif isinstance(sub, ast.JoinedStr):
            found.append("".join(v.value if isinstance(v, ast.Constant) else "{}"
                                 for v in sub.values))
    return found


def listed_ops(path: Path) -> list[tuple[int, str, str]]:
    """(line, kind, target) of each drop / NOT NULL change outside the downgrades."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8", errors="replace"))
    except SyntaxError:
        return [(0, "unparsable", "")]
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and "downgrade" in node.name:
            skip.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Call):
            found += _call_ops(node)
        if isinstance(node, (ast.Constant, ast.JoinedStr)):
            for text in _strings(node):
                for match in RAW.finditer(text):
                    snippet = " ".join(text[max(0, match.start() - 40):match.end() + 40].split())
                    found.append((node.lineno, "raw_" + "_".join(match.group(1).lower().split()),
                                  snippet))
    return sorted(set(found))


def _call_ops(node: ast.Call) -> list[tuple[int, str, str]]:
    name = _call_name(node)
    args = node.args
    if name == "drop_table":
        return [(node.lineno, "drop_table", _literal(args[0] if args else
                                                     _kw(node, "table_name")))]
    if name == "drop_column":
        return [(node.lineno, "drop_column", ".".join(_literal(a) for a in args[:2]))]
    if name == "add_column":
        return _added_not_null(node)
    if name == "alter_column":
        nullable = _kw(node, "nullable")
        existing = _kw(node, "existing_nullable")
        if isinstance(nullable, ast.Constant) and nullable.value is False \
                and not (isinstance(existing, ast.Constant) and existing.value is False):
            return [(node.lineno, "set_not_null", ".".join(_literal(a) for a in args[:2]))]
    return []


def _added_not_null(node: ast.Call) -> list[tuple[int, str, str]]:
    """``add_column(t, Column("c", ..., nullable=False))`` with no ``server_default``: fails on
    a table with rows (``batch_op.add_column(Column(...))`` too, its table unknown here)."""
    columns = [a for a in node.args if isinstance(a, ast.Call) and _call_name(a) == "Column"]
    table = _literal(node.args[0]) if len(node.args) > 1 else "?"
    found = []
    for column in columns:
        nullable = _kw(column, "nullable")
        if isinstance(nullable, ast.Constant) and nullable.value is False \
                and _kw(column, "server_default") is None:
            name = _literal(column.args[0]) if column.args else "?"
            found.append((node.lineno, "add_not_null", f"{table}.{name}"))
    return found


def revision_files(chain: dict) -> list[Path]:
    files = []
    for given in chain["paths"]:
        base = chain["clone"] / given
        for path in sorted(base.rglob("*.py")):
            parts = set(path.relative_to(chain["clone"]).parts)
            if parts & SKIP or "versions" not in parts and "_migrations" not in str(path) \
                    and not ("migrations" in parts and _is_revision(path)):
                continue  # (revision files straight in migrations/: Flask-Alembic)
            if path.name == "__init__.py" or path.name == "env.py":
                continue
            files.append(path)
    return files


REVISION_IDS = (re.compile(r"^revision\s*(:[^=\n]*)?=", re.M),
                re.compile(r"^down_revision\s*(:[^=\n]*)?=", re.M))


def _is_revision(path: Path) -> bool:
    text = path.read_text(errors="replace")
    return all(pattern.search(text) for pattern in REVISION_IDS)


RAW_NAME = re.compile(r"(?:DROP\s+TABLE|DROP\s+COLUMN)\s+(?:IF\s+EXISTS\s+)?([\w.\"]+)"
                      r"|ALTER\s+COLUMN\s+([\w\"]+)\s+SET\s+NOT\s+NULL", re.I)


def _object_name(kind: str, target: str) -> str:
    """The dropped table or column a listed op names: the last dotted part of an op's
    target; for raw SQL, the name after DROP TABLE / DROP COLUMN / ALTER COLUMN (not the
    snippet's last word)."""
    if kind.startswith("raw_"):
        match = RAW_NAME.search(target)
        found = (match.group(1) or match.group(2)) if match else ""
        return found.split(".")[-1].strip('"')
    return target.split(".")[-1].strip("'\"")


def cmd_drops(args: argparse.Namespace) -> None:
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for chain in chains(Path(args.root), args.split, args.project):
        saved = out / f"{chain['clone'].name}.json"
        errors = json.loads(saved.read_text()) if saved.is_file() else None
        by_file = defaultdict(list)
        for f in errors or []:
            by_file[Path(f["file"]).resolve()].append(f)
        count = 0
        for path in revision_files(chain):
            for line, kind, target in listed_ops(path):
                name = _object_name(kind, target)
                flagged = [f for f in by_file.get(path.resolve(), [])
                           if f["line"] == line or (name and name in f["message"])]
                said = sorted({f["rule"] for f in flagged if f["severity"] == "error"})
                warned = sorted({f["rule"] for f in flagged if f["severity"] != "error"})
                mark = "?" if errors is None else (
                    ("flagged:" + ",".join(said)) if said else
                    ("warned:" + ",".join(warned)) if warned else "not-flagged")
                rows.append(["", chain["repo"], shown(chain, str(path)), line, kind, target, mark])
                count += 1
        print(f"{chain['repo']:<28} {count:>4} drops / NOT NULL changes listed")
    with (out / "drops.tsv").open("w", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows(rows)
    print(f"{len(rows)} listed in {out / 'drops.tsv'}")


def cmd_score(args: argparse.Namespace) -> None:
    per: dict[str, Counter] = defaultdict(Counter)
    with Path(args.labels).open(newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or not row[0] or row[0].startswith("#"):
                continue
            label = row[0].strip().lower()
            if label in ("lost", "fails-unless-filled", "kept") and len(row) > 6:
                # A NOT NULL that fails on existing rows is a loss the reviewer must report too.
                label = "kept" if label == "kept" else (
                    "lost-flagged" if row[6].startswith("flagged") else "lost-missed")
            per[row[1]][label] += 1
    total: Counter = Counter()
    for repo, counts in sorted(per.items()):
        total += counts
        print(_score_line(repo, counts))
    print(_score_line("all", total))


def _score_line(name: str, c: Counter) -> str:
    # F-empty: false only by the application's history (a table no code had written yet),
    # which the chain cannot show: counted false, and the precision without them given too.
    read = c["t"] + c["f"] + c["f-empty"]
    precision = f"{100 * c['t'] / read:.1f}%" if read else "-"
    empty = (f", {c['t'] + c['f-empty']}/{read} with the {c['f-empty']} F-empty counted true"
             if c["f-empty"] else "")
    lost = c["lost-flagged"] + c["lost-missed"]
    recall = f"{100 * c['lost-flagged'] / lost:.1f}%" if lost else "-"
    # "?": undecided by the readers, reported apart and counted in neither side.
    undecided = f", {c['?']} undecided" if c["?"] else ""
    return (f"{name:<28} errors read {read:>4}: {c['t']:>4} true {c['f'] + c['f-empty']:>3} false "
            f"(precision {precision}{empty}{undecided}); losses {lost:>3}: {c['lost-flagged']:>3} flagged "
            f"{c['lost-missed']:>3} missed (recall {recall}); kept {c['kept']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("errors", "drops", "score"))
    parser.add_argument("root", help="folder holding one clone per chain (<owner>+<name>)")
    splits = sorted({c["split"] for c in tomllib.loads((HERE / "chains.toml").read_text())["chain"]})
    parser.add_argument("--split", choices=splits)
    parser.add_argument("--out", default="/tmp/review-eval")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--labels", help="score: the labelled errors.tsv / drops.tsv")
    parser.add_argument("extra", nargs="*", help="more arguments for the reviewer (after --)")
    parser.add_argument("--project", default=str(PROJECT),
                        help="the dbkit checkout to run (default: this one)")
    args = parser.parse_args()
    {"errors": cmd_errors, "drops": cmd_drops, "score": cmd_score}[args.command](args)


if __name__ == "__main__":
    main()
