"""A copy out of a table the same revision creates keeps nothing for a later drop.

The table is empty when the revision starts: what the revision reads of it is what it has
just written there itself, and the rows the application writes afterwards are copied by
no one (dropbox/changes 5177cfff57d7 creates testsuite and looks rows of it up while
filling it; 30b9f619c3b2 drops testsuite years later with every suite in it).
"""

from __future__ import annotations

from collections.abc import Mapping

from dbkit.review.ops import Op, Ref


def outliving(created_in: Mapping[str, str], rev: str, op: Op) -> list[Ref]:
    """What a copy ``op`` of revision ``rev`` reads (its columns named, see unqualified.py)
    that was there before the revision."""
    return [ref for ref in op.resolved or op.reads
            if ref[0] is None or created_in.get(ref[0]) != rev]
