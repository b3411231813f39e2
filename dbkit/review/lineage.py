"""Which revisions come before which, for the schema walk: a revision's ancestors.

The walk reads a chain in one order, branches after each other; what a revision on another
branch did (filled a column, made it NOT NULL) proves nothing of the rows a database on this
branch holds. summitbajaj/AlgoGPT adds ``examples.test_case_id`` on two branches: one fills it
and makes it NOT NULL (78646bd83b57), the other makes it NOT NULL with no fill
(ba36de9c3dff), which fails on the seeded rows (held-out33, read by hand).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dbkit.review.reader import Revision


def ancestors_of(order: list[Revision], names: dict[str, str]) -> dict[str, frozenset[str]]:
    """Each revision's ancestors (their names), by its down_revision and theirs; ``names``:
    revision id -> name."""
    by_name = {r.name: r for r in order}
    found: dict[str, frozenset[str]] = {}

    def ancestors(rev: Revision, seen: frozenset[str]) -> frozenset[str]:
        if rev.name not in found:
            parents = [names[d] for d in rev.down_revision or () if d in names]
            here = seen | {rev.name}
            found[rev.name] = frozenset(parents).union(
                *(ancestors(by_name[p], here) for p in parents if p not in here))
        return found[rev.name]

    for rev in order:
        ancestors(rev, frozenset())
    return found


def on_path(lineage: dict[str, frozenset[str]], rev: Revision, other: str | None) -> bool:
    """Is revision ``other`` (a name; None: not known) ``rev`` or one of its ancestors?"""
    return other is None or other == rev.name or other in lineage.get(rev.name, {other})
