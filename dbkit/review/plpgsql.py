"""``DO $$ ... $$`` blocks read as the statements they run (pglast's PL/pgSQL parser).

``DO $$ BEGIN IF EXISTS (SELECT 1 FROM information_schema.columns WHERE ... column_name =
'c') THEN ALTER TABLE t DROP COLUMN c; END IF; END $$`` drops ``t.c`` as surely as the
plain ``ALTER TABLE`` when the column is there (and loses nothing when it is not). Each
SQL statement of the block is read as :func:`~dbkit.review.pgsql.sql_ops` reads a literal;
one under an ``IF`` (``ELSIF``, ``ELSE``, a ``CASE`` branch, an exception handler) is
conditional on its test, which the rules weigh as they weigh a Python ``if`` (a test of the
very object it drops is no doubt; any other makes the finding a warning). What the block
does that the reviewer cannot follow (a loop, ``EXECUTE`` of a built string, ``PERFORM``
of a function, a statement it cannot parse) is an ``execute`` op, as the whole block was
(but a function the revision made and calls: routines.py); a loop's body is read as
well, each statement as if it ran once, so what it deletes is seen, with the loop's doubt.
A statement whose failure an EXCEPTION handler swallows cannot fail the upgrade
(swallowed.py).
A check that raises unless rows are gone (``IF EXISTS (SELECT 1 FROM t) THEN RAISE
EXCEPTION``) is a ``guard`` op (rowguards.py).
"""

from __future__ import annotations

from collections.abc import Callable

from pglast import parse_plpgsql
from pglast.ast import RawStmt
from pglast.parser import ParseError

from dbkit.review import rowguards, swallowed, wipes
from dbkit.review.dyndrops import dropped_by_name, drops_only
from dbkit.review.ops import Op

SqlOps = Callable[[str, int, int], list[Op]]
# PL/pgSQL statements that run no SQL of their own (RAISE, assignments of plain values...)
QUIET = frozenset({"PLpgSQL_stmt_raise", "PLpgSQL_stmt_return", "PLpgSQL_stmt_assert",
                   "PLpgSQL_stmt_getdiag", "PLpgSQL_stmt_exit", "PLpgSQL_stmt_assign"})


def do_block(sql: str, raw: RawStmt, line: int, end: int, sql_ops: SqlOps) -> list[Op] | None:
    """The ops of the ``DO`` statement ``raw`` of ``sql``; None when PL/pgSQL cannot parse
    it (the caller keeps it as SQL it could not follow)."""
    start = raw.stmt_location or 0  # (pglast gives offsets in characters)
    source = sql[start:start + raw.stmt_len if raw.stmt_len else None]
    try:
        parsed = parse_plpgsql(source)
    except (ParseError, ValueError, TypeError):
        return None
    if not isinstance(parsed, list) or len(parsed) != 1:
        return None
    action = parsed[0].get("PLpgSQL_function", {}).get("action")
    reader = _Block(line, end, sql_ops)
    reader.statements([action] if action else [], ())
    return reader.ops


class _Block:
    def __init__(self, line: int, end: int, sql_ops: SqlOps) -> None:
        self.line, self.end, self.sql_ops = line, end, sql_ops
        self.ops: list[Op] = []
        self.counted: dict[str, rowguards.Rows] = {}  # variable -> the rows a SELECT INTO counted
        self.found: rowguards.Rows | None = None  # the rows FOUND says exist (PERFORM of them)
        self.caught = 0  # EXCEPTION blocks around the statement read (they catch a RAISE)
        self.swallows: frozenset[str] = frozenset()  # what their handlers swallow (swallowed.py)
        self.since = 0  # the first op no RETURN or EXIT may stand between (an early exit)

    def statements(self, nodes: list, tests: tuple[str, ...]) -> None:
        for node in nodes or ():
            found, self.found = self.found, None
            if not isinstance(node, dict) or len(node) != 1:
                self._opaque(tests)
                continue
            (kind, body), = node.items()
            if kind in ("PLpgSQL_stmt_return", "PLpgSQL_stmt_exit"):
                self.since = len(self.ops)
            elif kind == "PLpgSQL_stmt_getdiag":  # GET DIAGNOSTICS n = ROW_COUNT
                self.counted.clear()
            elif kind == "PLpgSQL_stmt_if":
                self._guard(body, tests, found)
            handler = HANDLERS.get(kind)
            if handler is not None:
                handler(self, body, tests)
            elif kind not in QUIET:
                self._opaque(tests)

    def block(self, body: dict, tests: tuple[str, ...]) -> None:
        handlers = (body.get("exceptions") or {}).get("PLpgSQL_exception_block", {})
        self.caught += bool(handlers)
        outer, self.swallows = self.swallows, self.swallows | swallowed.conditions(handlers)
        self.statements(body.get("body") or [], tests)
        self.caught -= bool(handlers)
        self.swallows = outer
        for action in handlers.get("exc_list") or ():
            self.statements(action.get("PLpgSQL_exception", {}).get("action") or [],
                            (*tests, "an error was raised"))

    def execsql(self, body: dict, tests: tuple[str, ...]) -> None:
        query = _query(body.get("sqlstmt"))
        if query is None:
            self._opaque(tests)
            return
        self._add(self.sql_ops(query, self.line, self.end), tests)
        names = _into(body) if body.get("into") else []
        rows = rowguards.query_rows(query) if len(names) == 1 and not tests else None
        for name in names:  # SELECT count(*) INTO n FROM t
            self._count(name, rows)
        self.found = rows if rows and rows.kind == "rows" else None

    def dynexecute(self, body: dict, tests: tuple[str, ...]) -> None:
        """``EXECUTE 'ALTER TABLE t DROP CONSTRAINT ' || quote_ident(r.name)``: a drop of a
        name looked up (dyndrops.py); any other built string is not followed."""
        op = dropped_by_name(_query(body.get("query")) or "", self.line, self.end)
        if op is None:
            self._opaque(tests)
        else:
            self._add([op], tests)

    def fors(self, body: dict, tests: tuple[str, ...]) -> None:
        """``FOR r IN SELECT ... LOOP EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', ...)
        END LOOP``: constraints dropped by names looked up, no value copied (dyndrops.py);
        any other loop is code not followed, its body read as well (``_loop``)."""
        statements = body.get("body") or []
        executes = [_query(s["PLpgSQL_stmt_dynexecute"].get("query")) or "" for s in statements
                    if isinstance(s, dict) and list(s) == ["PLpgSQL_stmt_dynexecute"]
                    and not s["PLpgSQL_stmt_dynexecute"].get("into")]
        wiped = wipes.wipe(_query(body.get("query")) or "", executes, self.line, self.end) \
            if len(executes) == len(statements) else None
        if wiped is not None:  # every table of a schema (wipes.py), still code not followed
            self._add([wiped], tests)
            self._opaque(tests)
        elif statements and all(isinstance(s, dict) and list(s) == ["PLpgSQL_stmt_dynexecute"]
                              and not s["PLpgSQL_stmt_dynexecute"].get("into")
                              and drops_only(_query(s["PLpgSQL_stmt_dynexecute"].get("query"))
                                             or "") for s in statements):
            self._add([Op("execute", self.line, self.end, via="sql", copies_none=frozenset())],
                      tests)
        else:
            self._loop(statements, tests)

    def foreach(self, body: dict, tests: tuple[str, ...]) -> None:
        """``FOREACH x IN ARRAY ... LOOP ... END LOOP``: as any loop (``_loop``)."""
        self._loop(body.get("body") or [], tests)

    def _loop(self, statements: list, tests: tuple[str, ...]) -> None:
        """A loop the reviewer cannot unroll is code not followed (it may copy rows one by
        one, into a variable), and the statements of its body are read too, each as if it
        ran once: a DELETE in it is seen, with the loop's doubt (WorldView market-data
        ``045`` deletes the daily bars it has merged in a ``FOR r IN SELECT`` loop,
        held-out51: no finding at all, read lost)."""
        self.counted.clear()
        loop = Op("execute", self.line, self.end, via="sql",
                  reason=f"a loop of a DO block (line {self.line})")
        self._add([loop], tests)
        self.statements(statements, tests)
        self.counted.clear()  # (the body may run again: a count it took may be stale)

    def perform(self, body: dict, tests: tuple[str, ...]) -> None:
        """``PERFORM 1 FROM t``: FOUND then says whether t has rows (a SELECT of plain
        columns moves none); a PERFORM of anything else (a function) is not followed, but
        for the ``call`` ops of the functions it calls (the revision may have made them:
        routines.py runs their bodies there, in place of the ``execute`` op)."""
        query = _query(body.get("expr")) or ""
        rows = rowguards.query_rows(query)
        if rows is None or rows.kind != "rows":
            calls = [o for o in self.sql_ops(query, self.line, self.end) if o.name == "call"] \
                if query else []
            self._add(calls, tests)
            self._opaque(tests, calls[0].statement if calls else None)
        elif not tests:
            self.found = rows

    def assign(self, body: dict, tests: tuple[str, ...]) -> None:
        """``n := (SELECT count(*) FROM t)`` counts rows and moves none; an assignment of
        anything else that runs a query (a function) is not followed."""
        read = rowguards.assigned(_query(body.get("expr")) or "")
        if read is not None:
            self._count(read[0], read[1] if not tests else None)
        if (read is None or read[1] is None) and _runs_select(body):
            self._opaque(tests)

    def _count(self, name: str, rows: rowguards.Rows | None) -> None:
        if rows is None:
            self.counted.pop(name, None)
        else:
            self.counted[name] = rows

    def _guard(self, body: dict, tests: tuple[str, ...], found: rowguards.Rows | None) -> None:
        """``IF <rows exist> THEN RAISE EXCEPTION``, run whatever happens: a guard op, which
        rolls back with it the ops of the block since the last RETURN or EXIT that may be
        taken (rowguards.py)."""
        if tests or self.caught or body.get("elsif_list") or body.get("else_body") \
                or not rowguards.raises(body.get("then_body") or []):
            return
        for rows in rowguards.conditions(_query(body.get("cond")) or "", self.counted, found):
            self.ops.append(rowguards.guard(rows, self.line, self.end, len(self.ops) - self.since))

    def if_(self, body: dict, tests: tuple[str, ...]) -> None:
        test = _query(body.get("cond")) or "?"
        self.statements(body.get("then_body") or [], (*tests, test))
        earlier = [test]
        for branch in body.get("elsif_list") or ():
            elsif = branch.get("PLpgSQL_if_elsif", {})
            cond = _query(elsif.get("cond")) or "?"
            self.statements(elsif.get("stmts") or [], (*tests, *(f"NOT ({t})" for t in earlier),
                                                        cond))
            earlier.append(cond)
        self.statements(body.get("else_body") or [], (*tests, *(f"NOT ({t})" for t in earlier)))

    def case(self, body: dict, tests: tuple[str, ...]) -> None:
        for when in body.get("case_when_list") or ():
            branch = when.get("PLpgSQL_case_when", {})
            self.statements(branch.get("stmts") or [], (*tests, _query(branch.get("expr")) or "?"))
        self.statements(body.get("else_stmts") or [], (*tests, "no CASE branch matched"))

    def _add(self, ops: list[Op], tests: tuple[str, ...]) -> None:
        for op in ops:
            op.swallowed |= self.swallows
            if tests:
                op.conditional, op.open_tests = True, op.open_tests + 1
                op.condition = " AND ".join(tests)
        self.ops += ops

    def _opaque(self, tests: tuple[str, ...], statement: object = None) -> None:
        self.counted.clear()  # (a loop, an EXECUTE ... INTO may set any variable)
        if statement is not None or not any(o.name == "execute" and o.via == "sql"
                                            and not o.table and o.copies_none is None
                                            for o in self.ops):
            self._add([Op("execute", self.line, self.end, via="sql", statement=statement)], tests)


def _query(expr: object) -> str | None:
    if not isinstance(expr, dict):
        return None
    query = expr.get("PLpgSQL_expr", {}).get("query")
    return query if isinstance(query, str) else None


def _into(body: dict) -> list[str]:
    """The variables a ``SELECT ... INTO`` sets (lower case)."""
    target = body.get("target") or {}
    var = (target.get("PLpgSQL_var") or {}).get("refname")
    fields = (target.get("PLpgSQL_row") or {}).get("fields") or []
    return [str(n).lower() for n in ([var] if var else [f.get("name") for f in fields]) if n]


def _runs_select(body: dict) -> bool:
    """``x := (SELECT f(...))``: an assignment that calls a function or runs a query, which
    may move rows; ``x := 1`` does not."""
    return "(" in (_query(body.get("expr")) or "")


HANDLERS: dict[str, Callable[[_Block, dict, tuple[str, ...]], None]] = {
    "PLpgSQL_stmt_block": _Block.block, "PLpgSQL_stmt_execsql": _Block.execsql,
    "PLpgSQL_stmt_if": _Block.if_, "PLpgSQL_stmt_case": _Block.case,
    "PLpgSQL_stmt_perform": _Block.perform, "PLpgSQL_stmt_assign": _Block.assign,
    "PLpgSQL_stmt_dynexecute": _Block.dynexecute, "PLpgSQL_stmt_fors": _Block.fors,
    "PLpgSQL_stmt_foreach_a": _Block.foreach,
}
