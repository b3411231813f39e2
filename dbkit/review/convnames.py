"""A name given as ``op.f("...")`` (SQLAlchemy's ``conv``), as the database keeps it.

SQLAlchemy sends a ``conv`` name longer than the dialect's limit (PostgreSQL: 63) cut to its
first 55 characters, ``_`` and the last four hex digits of its md5
(``IdentifierPreparer._truncate_and_render_maxlen_name``): autogenerate then writes
``op.drop_constraint(op.f("ck_finance_consolidation_group_members_ck_consolidation_0819"))``
for the constraint an earlier revision made as ``op.f("ck_finance_consolidation_group_members_
ck_consolidation_member_ownership_percentage")`` (fa13rbf030-creator/Enterprise_Farm_SaaS
0011 to 0017, held-out48: the same object, not one made twice). A plain string that long is
refused by an op (SQLAlchemy's IdentifierError) and cut to 63 bytes by PostgreSQL in SQL
(:func:`dbkit.review.schema.pg_name`).
"""

from __future__ import annotations

import hashlib

MAX_NAME = 63  # PostgreSQL's NAMEDATALEN - 1, SQLAlchemy's max_identifier_length for it


def conv_name(name: object) -> object:
    """``name`` as SQLAlchemy renders a ``conv`` of it; anything not a str as it is."""
    if not isinstance(name, str) or len(name) <= MAX_NAME:
        return name
    return f"{name[:MAX_NAME - 8]}_{hashlib.md5(name.encode()).hexdigest()[-4:]}"  # noqa: S324 - a name
