"""A drop under a test that its object exists, after an earlier revision made it again.

``if table_exists("t"): drop_table("t")`` is no doubt when it runs whenever there is
something to lose; but when an earlier revision dropped t already, it may never run (the
table gone), and the finding is a warning (``Context.guard``). Not when, after that earlier
drop, a revision made t again (a ``create_table`` it runs whatever happens, or one under a
test that t is missing: t exists after it either way): then t exists when the guarded drop
runs, and the drop takes what was put in it (Capsize-Games/airunner: eda751de4bed and
91e21ecaef23 drop ``fine_tuned_models``, 01b52e38f588 makes it again through the project's
``add_table``, 0f8b4e43d1c2 drops it under ``if table_name and table_exists(table_name)``).
The same for a column: an ``add_column`` after the earlier ``drop_column``; and for a guarded
``add_column``, a ``drop_column`` after the earlier add.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

OPPOSITE = {"drop_table": "create_table", "drop_column": "add_column", "add_column": "drop_column"}
EXISTS = re.compile(r"\b(?:\w*exists?|has_table|has_column|get_table_names|get_columns)\s*\(")


def made_again(earlier: list[Revision], op: Op, name: str) -> bool:
    """Of ``op``'s object (``name``: its table or column), is the nearest change in the
    revisions ``earlier`` (nearest first) one that makes it again, run whatever its test
    says?"""
    for rev in earlier:
        for other in reversed(rev.upgrade):
            if other.table != op.table or _column(other) != _column(op):
                continue
            if other.name == op.name:
                return False
            if other.name == OPPOSITE.get(op.name):
                return _surely(other, name)
    return False


def _column(op: Op) -> str | None:
    return op.added.name if op.added else op.column


def _surely(op: Op, name: str) -> bool:
    """Does ``op`` run whatever its test says, or leave its object made either way (a test
    that it exists already: of its name, or of the ``__tablename__`` of the class a helper
    makes it from)?"""
    if not op.conditional:
        return True
    test = op.condition
    return bool(EXISTS.search(test)) and (bool(re.search(rf"\b{re.escape(name)}\b", test))
                                          or "__tablename__" in test)
