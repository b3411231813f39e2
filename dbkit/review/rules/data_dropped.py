"""data-dropped: a column or table dropped with no copy of its data kept."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.context import RUN_HINT
from dbkit.review.rules.base import ERROR, WARNING, Rule

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding


def check(ctx: Context) -> Iterator[Finding]:
    for drop in ctx.drops:
        if not drop.lost or drop.partner is not None:  # a partner is rename-as-drop-add's
            continue
        op = drop.op
        what = f"column {op.table or '?'}.{op.column or '?'}" if op.name == "drop_column" \
            else f"table {op.table or '?'}"
        also = ""
        if drop.unpaired:
            names = ", ".join(f"{a.table}.{a.column} (line {a.line})" if a.column else
                              f"a column of {a.table} it cannot name (line {a.line})"
                              for a in drop.unpaired)
            also = (f" This revision also adds {names}; if it is meant to hold these values, "
                    "copy them into it before the drop.")
        fix = ("copy the data somewhere first (and put it back in downgrade()), then say where "
               "on the line above: `# dbkit: data-kept-in <table or file>`.")
        doubt = ctx.doubt(drop.rev, op)
        if doubt:
            yield RULE.finding(drop.rev, op.line, f"Drops {what}; no copy of its values is seen, "
                               f"but {doubt}{RUN_HINT}", fix).replace(severity=WARNING)
            continue
        again = f" (re-created empty at line {drop.remade})" if drop.remade else ""
        yield RULE.finding(
            drop.rev, op.line, f"Drops {what}{again} and every value in it, with no copy "
            f"kept.{also}", fix)


RULE = Rule(
    id="data-dropped",
    severity=ERROR,
    summary="drop_column / drop_table with no copy of the data and no "
            "`# dbkit: data-kept-in` marker",
    rationale="A dropped column or table takes its values with it, on every database the "
              "revision reaches, prod included; the downgrade can bring the column back but "
              "not what was in it.",
    fix="Copy the data first, in this revision or an earlier one (`INSERT INTO archive ... "
        "SELECT ...`, an `UPDATE ... SET new = old`, the same written with SQLAlchemy Core, or a "
        "helper function of the file that does it: the reviewer follows them all), and restore "
        "it in `downgrade()`. "
        "If the copy lives elsewhere (an export), say where on the line above the drop: "
        "`# dbkit: data-kept-in <table or file>`; the marker must name a place.",
    example='op.drop_column("recruits", "id_number")',
    fixed='op.create_table("recruit_id_numbers", sa.Column("recruit_id", sa.Integer(), '
          'primary_key=True),\n                sa.Column("id_number", sa.String(13)))\n'
          'op.execute("INSERT INTO recruit_id_numbers SELECT id, id_number FROM recruits")\n'
          'op.drop_column("recruits", "id_number")',
    check=check,
)
