"""``if _table_exists("t"): op.drop_table("t")`` of a table no revision of the chain makes.

A drop under a test that its own table exists is no doubt when the chain made the table
(context.py's ``_guards_itself``): where there are rows, it runs. But when no revision of the
folder makes the table, nor changes it, nor writes or reads it, nor names it in code the
reviewer could not follow, in a chain that makes every table it changes (none made outside
it, as unmade.py asks of a drop IF EXISTS), the chain says nothing about it: it is a leftover of an older
chain (one since squashed or re-based, whose revisions copied its rows elsewhere and were
deleted: ai-shifu 8f4c1a2b7d9e drops ``ai_course_buy_record`` and ``pingxx_order``, which
the deleted revisions had copied into ``order_orders``), dropped only where it is still
there. Whether its rows were kept is beyond what this chain shows: a warning that says so,
not an error. A table the chain made (or a DELETE under a test of its own table:
owntests.py) stays as it was.
"""

from __future__ import annotations

from dbkit.review.chain import Chain
from dbkit.review.ops import Op, bare_name, spelled_like
from dbkit.review.unmade import Schema, may_make

UNFOLLOWED = ("opaque", "execute")


def leftover(chain: Chain, schema: Schema, op: Op) -> str:
    """Why the drop ``op`` (of a table, under an ``if`` testing that it exists) is no proof
    of a loss: the chain makes every table it changes (nothing made outside it: unmade.py), yet
    never makes nor uses this one, and no code it could not follow may have made it; ""
    otherwise."""
    if op.name != "drop_table" or not op.table or schema.outside \
            or any(may_make(code, op) for code in schema.unfollowed) or _used(chain, op):
        return ""
    test = op.condition if len(op.condition) <= 80 else op.condition[:77] + "..."
    return (f"no revision of the chain makes or uses table {op.table}: it drops it only if "
            f"`{test}` (line {op.line}), a leftover of an older chain (one squashed or "
            "re-based) whose rows this chain cannot see being kept or lost. ")


def _used(chain: Chain, drop: Op) -> bool:
    """Does any revision of the chain (upgrade or downgrade) make, change, write or read
    the table, other than by a drop of it, or name it in code not followed? Not the downgrade
    of the drop's own revision: it puts back what the upgrade dropped (YorTrade 0006 makes
    ``sectors`` again there, held-out39)."""
    bare = bare_name(drop.table)
    for rev in chain.revisions:
        own = any(op is drop for op in rev.upgrade)
        for op in [*rev.upgrade, *([] if own else rev.downgrade)]:
            if op is drop or (op.name == "drop_table" and bare_name(op.table) == bare):
                continue
            if bare_name(op.table) == bare or bare_name(op.new_name) == bare \
                    or any(bare_name(t) == bare for t, _ in op.reads | op.writes) \
                    or (op.name in UNFOLLOWED and op.mentions is not None
                        and spelled_like(bare, op.mentions)):
                return True
    return False
