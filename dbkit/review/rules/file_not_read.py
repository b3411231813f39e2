"""file-not-read: a file of the chain the reviewer refuses to read (a link out, too big, too deep)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dbkit.review.rules.base import ERROR, Rule

if TYPE_CHECKING:
    from dbkit.review.context import Context
    from dbkit.review.findings import Finding


def check(ctx: Context) -> Iterator[Finding]:
    for rev in ctx.revisions:
        if rev.not_read:
            yield RULE.finding(rev, 1, f"The file {rev.not_read}.",
                               "commit the revision itself, as Alembic wrote it: a regular file, "
                               "not a link, of a reasonable size.")


RULE = Rule(
    id="file-not-read",
    severity=ERROR,
    summary="a file of the chain is not read: a link out of the folder, not a regular file, "
            "over 1 MB or nested over 100 levels",
    rationale="The reviewer reads learners' repositories, which may be hostile. A revision file "
              "that is a symbolic link (to a password file, say) is not followed, not read and "
              "not copied into the sandbox: the link is the finding. Nor is a FIFO, a file with "
              "other hard links, a file over 1 MB or one nested more than 100 levels deep: the "
              "reviewer reads each revision in time and memory linear in its size, up to that "
              "limit, and never falls over on one.",
    fix="Commit the revision itself, as `alembic revision` wrote it: a regular file in the "
        "versions folder. Split a generated revision of thousands of operations into several.",
    example="x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            "[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
            "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]  # and `versions/0002_x.py -> ~/.pgpass`",
    check=check,
)
