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
``DROP TABLE``/``DROP COLUMN``/``SET NOT NULL`` in the code an upgrade reaches
(``drops.tsv``), with whether the reviewer reported an error in that file on that
statement or naming the object; and the row losses for readers to judge
(``raw_delete_all``, ``raw_delete_where``, ``raw_truncate``, ``raw_overwrite``,
``alter_using``), matched to findings by line only. Its files are those the reviewer reads. ``score`` reads a
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


def _kw(node: ast.Call, name: str, dicts: dict[str, dict[str, ast.AST]] | None = None
        ) -> ast.AST | None:
    """A call's keyword argument, also when given through ``**args`` of a dict the module or
    function builds from literals (``dt_args = {"nullable": False}``: invenio-accounts)."""
    found = next((k.value for k in node.keywords if k.arg == name), None)
    if found is not None:
        return found
    for spread in (k.value for k in node.keywords if k.arg is None):
        if isinstance(spread, ast.Name) and name in (dicts or {}).get(spread.id, {}):
            return dicts[spread.id][name]
        if isinstance(spread, ast.Dict | ast.Call):
            return _dict_items(spread).get(name)
    return None


def _dict_items(node: ast.AST) -> dict[str, ast.AST]:
    """The items of ``{"k": v}`` or ``dict(k=v)`` (string keys only)."""
    if isinstance(node, ast.Dict):
        return {k.value: v for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
        return {k.arg: k.value for k in node.keywords if k.arg}
    return {}


def _dicts(scope: ast.AST) -> dict[str, dict[str, ast.AST]]:
    """Names assigned a literal dict anywhere in ``scope`` (the last assignment wins)."""
    found = {}
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            items = _dict_items(node.value)
            if items:
                found[node.targets[0].id] = items
    return found


def _texts(tree: ast.AST) -> dict[str, str]:
    """Names assigned one string constant in the whole file (``role_tbl = "accounts_role"``),
    so an op on ``role_tbl`` is listed on ``accounts_role``."""
    seen: dict[str, set[object]] = defaultdict(set)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    seen[target.id].add(node.value.value if isinstance(node.value, ast.Constant)
                                        else None)
    return {name: next(iter(values)) for name, values in seen.items()
            if len(values) == 1 and isinstance(next(iter(values)), str)}


def _strings(node: ast.AST) -> list[str]:
    found = []
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            found.append(sub.value)
        elif isinstance(sub, ast.JoinedStr):
            found.append("".join(v.value if isinstance(v, ast.Constant) else "{}"
                                 for v in sub.values))
    return found


# --- what an upgrade can reach (augur's helpers take upgrade=True and hold the downgrade in
# their else: branch) -----------------------------------------------------------------------

_UNKNOWN = object()


def _value(node: ast.AST | None, env: dict[str, object]) -> object:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name) and node.id in env:
        return env[node.id]
    return _UNKNOWN


def _truth(test: ast.AST, env: dict[str, object]) -> bool | None:
    """The value of an ``if`` test that only constants and known parameters decide, else None."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = _truth(test.operand, env)
        return None if inner is None else not inner
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        left, right = _value(test.left, env), _value(test.comparators[0], env)
        if left is _UNKNOWN or right is _UNKNOWN:
            return None
        op = test.ops[0]
        if isinstance(op, ast.Eq | ast.Is):
            return left == right
        if isinstance(op, ast.NotEq | ast.IsNot):
            return left != right
        return None
    value = _value(test, env)
    return None if value is _UNKNOWN else bool(value)


def _walk_pruned(root: ast.AST, env: dict[str, object]):
    """``ast.walk`` in pre-order, leaving out the branch of each ``if`` that ``env`` rules out."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If):
            truth = _truth(node.test, env)
            kids = [node.test, *(node.body if truth is True else node.orelse if truth is False
                                 else node.body + node.orelse)]
        else:
            kids = list(ast.iter_child_nodes(node))
        stack.extend(reversed(kids))


def _bind(function: ast.FunctionDef, call: ast.Call, env: dict[str, object]
          ) -> tuple[tuple[str, object], ...] | None:
    """The parameters of ``function`` a call fixes to constants (given, or by their default);
    None when the call spreads ``*args``/``**kwargs`` (nothing known)."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None
                                                               for k in call.keywords):
        return None
    spec = function.args
    params = [a.arg for a in spec.posonlyargs + spec.args]
    given: dict[str, ast.AST | None] = dict(
        zip(params[len(params) - len(spec.defaults):], spec.defaults, strict=True))
    given.update({a.arg: d for a, d in zip(spec.kwonlyargs, spec.kw_defaults, strict=True)})
    given.update(zip(params, call.args, strict=False))
    given.update({k.arg: k.value for k in call.keywords if k.arg})
    bound = []
    for name, node in sorted(given.items()):
        value = _value(node, env)
        if value is not _UNKNOWN and isinstance(value, str | int | float | bool | type(None)):
            bound.append((name, value))
    return tuple(bound)


def _not_upgrade(tree: ast.Module) -> set[int]:
    """Ids of the nodes no upgrade runs: each downgrade function, the module's functions only
    a downgrade uses, and in a helper an upgrade calls, the ``if`` branches the upgrade's
    arguments (or the parameters' defaults) rule out. Helpers nothing visibly calls keep
    every line (recall first: a callback may run them)."""
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}
    reached: set[int] = set()
    up: set[str] = set()
    seen: set[tuple[str, object]] = set()
    todo: list[tuple[str, object]] = [(name, ()) for name in functions
                                      if "upgrade" in name and "downgrade" not in name]
    while todo and len(seen) < 500:
        name, bound = todo.pop()
        if (name, bound) in seen:
            continue
        seen.add((name, bound))
        up.add(name)
        env = dict(bound or ())
        callees: set[int] = set()
        for node in _walk_pruned(functions[name], env):
            reached.add(id(node))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in functions:
                callees.add(id(node.func))
                todo.append((node.func.id, _bind(functions[node.func.id], node, env)))
            elif isinstance(node, ast.Name) and node.id in functions and id(node) not in callees:
                todo.append((node.id, None))  # passed on, called we cannot see how
    down = {name for name in functions if "downgrade" in name}
    todo_down = list(down)
    while todo_down:
        for node in ast.walk(functions[todo_down.pop()]):
            if isinstance(node, ast.Name) and node.id in functions and node.id not in down:
                down.add(node.id)
                todo_down.append(node.id)
    skip: set[int] = set()
    for name, function in functions.items():
        if name in up:
            skip.update(id(n) for n in ast.walk(function) if id(n) not in reached)
        elif name in down:
            skip.update(id(n) for n in ast.walk(function))
    return skip


# --- the listed ops ---------------------------------------------------------------------------

# Rows deleted or overwritten by raw SQL: no rule judges an UPDATE, so readers do (issue 19).
RAW_ROWS = re.compile(r"\b(?:(DELETE\s+FROM)|(TRUNCATE)(?:\s+TABLE)?|(UPDATE))\s+(?:ONLY\s+)?"
                      r"([\w.\"]+)", re.I)
_CONSTANT = re.compile(r"^\(?\s*(-?\d+(\.\d+)?|'[^']*'|true|false|null|:\w+|%s|%\(\w+\)s|"
                       r"now\(\)|current_timestamp|current_date|\{\})\s*\)?(::\w+)?$", re.I)


_CREATES = re.compile(r"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:FUNCTION|PROCEDURE)\s+([\w.\"]+)", re.I)


def _called_at(node: ast.AST, tree: ast.Module, skip: set[int]) -> int:
    """The last line of an upgrade's string that calls a function ``node`` creates (``SELECT
    f(id) FROM ...``, ``CALL f()``, ``PERFORM f()``): the statements of its body run there, and
    the reviewer reports them there (routines.py); 0 for any other string."""
    text = node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""
    names = {m.group(1).replace('"', "").rpartition(".")[2] for m in _CREATES.finditer(text)}
    if not names:
        return 0
    called = re.compile(r"\b(?:SELECT|CALL|PERFORM)\s+(?:[\w\"]+\.)?\"?(?:"
                        + "|".join(map(re.escape, names)) + r")\"?\s*\(", re.I)  # (not a trigger's)
    return max((other.end_lineno or other.lineno for other in ast.walk(tree)
                if other is not node and id(other) not in skip and isinstance(other, ast.Constant)
                and isinstance(other.value, str) and called.search(_CREATES.sub("", other.value))),
               default=0)


def _row_ops(text: str) -> list[tuple[str, str]]:
    """(kind, statement) of each DELETE / TRUNCATE / UPDATE of every row with a constant."""
    found = []
    for match in RAW_ROWS.finditer(text):
        statement = text[match.start():].split(";", 1)[0]
        shown = " ".join(statement.split())[:100]
        where = re.search(r"\bWHERE\b", statement, re.I)
        if match.group(1):
            found.append(("raw_delete_where" if where else "raw_delete_all", shown))
        elif match.group(2):
            if match.group(4).upper() != "ON":  # (a trigger's event: BEFORE TRUNCATE ON t)
                found.append(("raw_truncate", shown))
        elif not where and not re.search(r"\bFROM\b", statement, re.I) and re.match(
                r"UPDATE\s+(?:ONLY\s+)?[\w.\"]+\s+(?:AS\s+)?(?:\w+\s+)?SET\b", statement, re.I):
            # (UPDATE t SET ...: not a trigger's ON UPDATE, nor ON CONFLICT DO UPDATE SET)
            sets = re.search(r"\bSET\b(.*)", statement, re.I | re.S)
            values = [part.split("=", 1)[1].strip() for part in
                      re.split(r",(?![^(]*\))", sets.group(1)) if "=" in part] if sets else []
            if any(_CONSTANT.match(value) for value in values):
                found.append(("raw_overwrite", shown))
    return found


# Kinds no rule is matched to by name: a finding counts only on the op's own lines.
LINE_ONLY = {"raw_delete_all", "raw_delete_where", "raw_truncate", "raw_overwrite", "alter_using"}


def listed(path: Path) -> list[tuple[int, str, str, int, int]]:
    """(line, kind, target, first, last) of each drop / NOT NULL change / row loss an upgrade
    can reach; ``first``-``last``: the lines a finding about it may stand on (its statement,
    or the whole loop around it when its target is built by formatting: ichnaea's
    ``"DROP TABLE %s" % table`` then ``op.execute(stmt)``)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8-sig", errors="replace"))
    except SyntaxError:
        return [(0, "unparsable", "", 0, 0)]
    skip = _not_upgrade(tree)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef
                                | ast.ClassDef) and node.body
                  and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    dicts, texts, lists = _dicts(tree), _texts(tree), _lists(tree)
    found: dict[tuple[int, str, str], tuple[int, int]] = {}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        ops: list[tuple[str, str]] = []
        if isinstance(node, ast.Call):
            ops += [(kind, ".".join(texts.get(part, part) for part in target.split(".")))
                    for _, kind, target in _call_ops(node, dicts)]
        if isinstance(node, ast.Constant | ast.JoinedStr):
            each = _strings(node) + _expanded(node, parents, lists)  # (as written: labels)
            for text in each:
                for match in RAW.finditer(text):
                    snippet = " ".join(text[max(0, match.start() - 40):match.end() + 40].split())
                    ops.append(("raw_" + "_".join(match.group(1).lower().split()), snippet))
            wholes = each if isinstance(node, ast.JoinedStr) else [node.value]
            for whole in wholes:
                if id(node) not in docstrings and isinstance(whole, str) \
                        and not isinstance(parents.get(id(node)), ast.JoinedStr):
                    ops += _row_ops(re.sub(r"--[^\n]*", "", whole))  # (not in SQL comments)
        calls = _called_at(node, tree, skip) if ops else 0
        for kind, target in ops:
            first, last = _span(node, parents, _formatted(kind, target))
            last = max(last, calls)
            was = found.get((node.lineno, kind, target), (first, last))
            found[(node.lineno, kind, target)] = (min(first, was[0]), max(last, was[1]))
    return sorted((*key, *span) for key, span in found.items())


def _lists(tree: ast.Module) -> dict[str, tuple[str, ...]]:
    """Module names bound to a literal list or tuple of strings (``TABLES = ["a", "b"]``)."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            items = _literal_strings(node.value, {})
            for target in targets:
                if isinstance(target, ast.Name) and items:
                    found[target.id] = items
    return found


def _literal_strings(node: ast.AST | None, lists: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if isinstance(node, ast.Name):
        return lists.get(node.id, ())
    if isinstance(node, ast.List | ast.Tuple) and node.elts and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
        return tuple(e.value for e in node.elts)
    return ()


def _expanded(node: ast.AST, parents: dict[int, ast.AST], lists: dict[str, tuple[str, ...]]
              ) -> list[str]:
    """An f-string whose one hole is the name a loop around it takes from a literal list
    (``for table in TABLES: ... f"DELETE FROM {table} ..."``): its text for each value, as
    the loop runs it (agenta 395af3695bca); [] for any other string."""
    if not isinstance(node, ast.JoinedStr):
        return []
    holes = [v.value for v in node.values if isinstance(v, ast.FormattedValue)]
    if len(holes) != 1 or not isinstance(holes[0], ast.Name):
        return []
    up = parents.get(id(node))
    while up is not None:
        if isinstance(up, ast.For) and isinstance(up.target, ast.Name) \
                and up.target.id == holes[0].id:
            return ["".join(v.value if isinstance(v, ast.Constant) else item
                            for v in node.values) for item in _literal_strings(up.iter, lists)]
        up = parents.get(id(up))
    return []


def listed_ops(path: Path) -> list[tuple[int, str, str]]:
    """(line, kind, target) of each listed op (:func:`listed` without the spans)."""
    return sorted({row[:3] for row in listed(path)})


def _formatted(kind: str, target: str) -> bool:
    """Is the op's object named only when the code runs (``%s``, ``{}``, a variable)?"""
    name = _object_name(kind, target)
    return not re.fullmatch(r"\w+", name or "") or "%" in target or "{" in target


def _span(node: ast.AST, parents: dict[int, ast.AST], formatted: bool) -> tuple[int, int]:
    statement = node
    while id(statement) in parents and not isinstance(statement, ast.stmt):
        statement = parents[id(statement)]
    first, last = statement.lineno, statement.end_lineno or statement.lineno
    use = _first_use(statement, parents)
    if use is not None:  # query = "DELETE ..." then op.execute(query): the finding's line
        last = max(last, use.end_lineno or use.lineno)
    if formatted:
        loop = statement
        while id(loop) in parents and not isinstance(
                loop, ast.For | ast.AsyncFor | ast.While | ast.FunctionDef | ast.AsyncFunctionDef):
            loop = parents[id(loop)]
        if isinstance(loop, ast.For | ast.AsyncFor | ast.While):
            first, last = loop.lineno, loop.end_lineno or loop.lineno
    return first, last


def _first_use(statement: ast.AST, parents: dict[int, ast.AST]) -> ast.AST | None:
    """The first statement after ``name = <SQL>`` (in the same function) that reads the
    name: where the reviewer reports what the SQL does (ee3a3a61484f ``expr = "delete ..."``
    then ``op.execute(expr)``)."""
    if not isinstance(statement, ast.Assign) or not all(
            isinstance(t, ast.Name) for t in statement.targets):
        return None
    names = {t.id for t in statement.targets if isinstance(t, ast.Name)}
    scope = statement
    while id(scope) in parents and not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        scope = parents[id(scope)]
    end = statement.end_lineno or statement.lineno
    uses = [n for n in ast.walk(scope) if isinstance(n, ast.Name) and n.id in names
            and isinstance(n.ctx, ast.Load) and n.lineno > end]
    if not uses:
        return None
    name: ast.AST = min(uses, key=lambda n: (n.lineno, n.col_offset))
    use = name
    while id(use) in parents and not isinstance(use, ast.stmt):
        use = parents[id(use)]
    # (a loop or an if over the use: its own line, not its whole body)
    return use if isinstance(use, ast.stmt) and not hasattr(use, "body") else name


def _call_ops(node: ast.Call, dicts: dict[str, dict[str, ast.AST]] | None = None
              ) -> list[tuple[int, str, str]]:
    name = _call_name(node)
    args = node.args
    if name == "drop_table":
        return [(node.lineno, "drop_table", _literal(args[0] if args else
                                                     _kw(node, "table_name")))]
    if name == "drop_column":
        given = args[:2] if len(args) > 1 or _kw(node, "column_name") is None and args else \
            [*args[:1], _kw(node, "column_name")] if args else \
            [_kw(node, "table_name"), _kw(node, "column_name")]
        return [(node.lineno, "drop_column", ".".join(_literal(a) for a in given))]
    if name == "add_column":
        return _added_not_null(node)
    if name == "alter_column":
        return _altered(node, dicts)
    return []


def _altered(node: ast.Call, dicts: dict[str, dict[str, ast.AST]] | None
             ) -> list[tuple[int, str, str]]:
    found = []
    target = ".".join(_literal(a) for a in node.args[:2])
    nullable = _kw(node, "nullable", dicts)
    existing = _kw(node, "existing_nullable", dicts)
    if isinstance(nullable, ast.Constant) and nullable.value is False \
            and not (isinstance(existing, ast.Constant) and existing.value is False):
        found.append((node.lineno, "set_not_null", target))
    if _kw(node, "postgresql_using", dicts) is not None:
        # the column's values are rewritten by an expression: kept or lost, readers judge
        found.append((node.lineno, "alter_using", target))
    return found


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
    """The revision files the reviewer reads for the chain's paths: its own finder
    (:func:`dbkit.review.chain.collect_named`, over :mod:`dbkit.project`), so a chain whose
    revisions sit in no ``versions`` folder (invenio-accounts' ``alembic/``) is listed."""
    sys.path.insert(0, str(chain.get("project", PROJECT)))
    from dbkit.errors import DbkitError
    from dbkit.review.chain import collect_named

    files: set[Path] = set()
    for given in chain["paths"]:
        try:
            found = collect_named(str(chain["clone"] / given))
        except DbkitError as exc:
            print(f"warning: {chain['repo']} {given}: {exc}", file=sys.stderr)
            continue
        files.update(rev.path.resolve() for _, revisions, _ in found for rev in revisions)
    return sorted(files)


RAW_NAME = re.compile(r"(?:DROP\s+TABLE|DROP\s+COLUMN)\s+(?:IF\s+EXISTS\s+)?([\w.\"%{}]+)"
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


def _names(message: str, name: str, target: str) -> bool:
    """Does a finding's message name the listed object? Its name in the message, and when the
    message qualifies that name with a table (``metric.tmp_user_id``), the target's own table
    (gnocchi's resource.tmp_user_id was marked flagged by metric.tmp_user_id's error)."""
    if not name or name not in message:
        return False
    table = target.rsplit(".", 1)[0].split(".")[-1].strip("'\"").lower() if "." in target \
        else ""
    owners = {m.lower() for m in re.findall(rf"(\w+)\.{re.escape(name)}\b", message)}
    return not (table and owners) or table in owners


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
            for line, kind, target, first, last in listed(path):
                mark = "?" if errors is None else _mark(by_file.get(path.resolve(), []), line,
                                                        kind, target, (first, last))
                rows.append(["", chain["repo"], shown(chain, str(path)), line, kind, target, mark])
                count += 1
        print(f"{chain['repo']:<28} {count:>4} drops / NOT NULL changes listed")
    with (out / "drops.tsv").open("w", newline="") as fh:
        csv.writer(fh, delimiter="\t").writerows(rows)
    print(f"{len(rows)} listed in {out / 'drops.tsv'}")


def _mark(findings: list[dict], line: int, kind: str, target: str, span: tuple[int, int]) -> str:
    """What the reviewer said about a listed op: ``flagged:RULES`` (errors), ``warned:RULES``
    or ``not-flagged``. A finding counts when it stands on the op's line, or within its
    span (:func:`listed`), or names its object (not for the kinds no rule names:
    :data:`LINE_ONLY`)."""
    name = "" if kind in LINE_ONLY else _object_name(kind, target)
    said = [f for f in findings if f["line"] == line or span[0] <= f["line"] <= span[1]
            or _names(f["message"], name, target)]
    errors = sorted({f["rule"] for f in said if f["severity"] == "error"})
    warned = sorted({f["rule"] for f in said if f["severity"] != "error"})
    return ("flagged:" + ",".join(errors)) if errors else \
        ("warned:" + ",".join(warned)) if warned else "not-flagged"


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
