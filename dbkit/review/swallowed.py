"""``DO $$ BEGIN ... EXCEPTION WHEN duplicate_column THEN NULL; END $$``: a failure the block
swallows.

A statement in a PL/pgSQL block whose EXCEPTION clause catches its failure (``others``, or
the condition it raises: ``duplicate_column`` for a column added again, ``undefined_table``
for a change to a table not there, ``not_null_violation`` for a NOT NULL on NULL rows), and
whose handler does not raise again, cannot make the upgrade fail: the block rolls back its
own statements and the upgrade goes on. So a finding that says "the upgrade fails" on it
(not-null-without-backfill, broken-chain "applied twice" or "does not exist yet") is no
proof; it is a warning that says the block swallows the failure, which is worth saying:
the NOT NULL (the column, the constraint) may be silently left off (agentic-payroll-platform
c9d0e1f2a3b4, ef2a3b4c5d6e). A loss in such a block stays a loss when the block runs: a
handler does not undo a DROP that succeeded; data-dropped ignores this.

plpgsql.py marks each op read from a block with the conditions its handlers swallow
(:attr:`Op.swallowed`); the rules ask :func:`softened` for their finding.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dbkit.review.findings import WARNING
from dbkit.review.rowguards import ERROR_LEVEL

if TYPE_CHECKING:
    from dbkit.review.findings import Finding
    from dbkit.review.ops import Op

# The conditions (names and SQLSTATE codes, lower case) that catch each failure, besides
# ``others``: the condition itself and its class (errcodes.txt).
_NOT_NULL = {"not_null_violation", "23502", "integrity_constraint_violation", "23000"}
_UNDEFINED = {"undefined_table", "42p01", "undefined_column", "42703", "undefined_object",
              "42704", "syntax_error_or_access_rule_violation", "42000"}
_CLASS_42 = {"syntax_error_or_access_rule_violation", "42000"}
_DUPLICATE_COLUMN = {"duplicate_column", "42701"}
_DUPLICATE_RELATION = {"duplicate_table", "42p07"}  # a table, an index (a UNIQUE's too)
_DUPLICATE_OBJECT = {"duplicate_object", "42710"}
_TWICE = {"add_column": _DUPLICATE_COLUMN, "create_table": _DUPLICATE_RELATION,
          "create_index": _DUPLICATE_RELATION,
          **{name: _DUPLICATE_OBJECT | _DUPLICATE_RELATION for name in (
              "create_unique_constraint", "create_primary_key", "create_foreign_key",
              "create_check_constraint")}}
_SAID = {"not-null": "the upgrade then goes on without it, the NOT NULL (or the column) "
                     "silently left off",
         "twice": "on a database that has it already, the step does nothing",
         "missing": "on a database without it, the step does nothing"}


def conditions(handlers: dict) -> frozenset[str]:
    """The conditions (lower case) of a block's EXCEPTION handlers (pglast's
    ``PLpgSQL_exception_block``) that end the failure quietly: whose action raises no error
    again (``RAISE;``, ``RAISE EXCEPTION``; a ``RAISE NOTICE`` only logs)."""
    caught: set[str] = set()
    for each in handlers.get("exc_list") or ():
        handler = each.get("PLpgSQL_exception", {}) if isinstance(each, dict) else {}
        if any(isinstance(s, dict) and "PLpgSQL_stmt_raise" in s
               and s["PLpgSQL_stmt_raise"].get("elog_level", ERROR_LEVEL) >= ERROR_LEVEL
               for s in handler.get("action") or ()):
            continue
        caught |= {str(c.get("PLpgSQL_condition", {}).get("condname", "")).lower()
                   for c in handler.get("conditions") or () if isinstance(c, dict)}
    return frozenset(caught - {""})


def catches(op: Op, failure: str) -> str:
    """The condition of the handler around ``op`` that swallows ``failure`` ("not-null",
    "twice", "missing"); "" when none does."""
    if not op.swallowed:
        return ""
    if failure == "not-null":
        wanted = _NOT_NULL
    elif failure == "missing":
        wanted = _UNDEFINED
    else:
        wanted = _TWICE.get(op.name, set().union(*_TWICE.values())) | _CLASS_42
    return next((c for c in sorted(op.swallowed) if c == "others" or c in wanted), "")


def softened(finding: Finding, op: Op, failure: str) -> Finding:
    """``finding`` (an upgrade that fails on ``op``) as a warning when a handler around
    ``op`` swallows that failure; else as it is."""
    caught = catches(op, failure)
    if not caught:
        return finding
    return finding.replace(severity=WARNING, message=(
        f"{finding.message} But here it runs in a DO block whose `EXCEPTION WHEN {caught}` "
        f"handler swallows that failure: {_SAID[failure]}."))
