"""What ``op.X`` is: Alembic's operations however the revision reached them (issue 19, dev8),
and an ``upgrade(op=None)`` that returns when Alembic hands in no op."""

from pathlib import Path

import pytest

from dbkit.review.reader import read_revision


def upgrade_ops(tmp_path: Path, head: str, body: str) -> list[tuple[str, str | None]]:
    path = tmp_path / "0002_t.py"
    path.write_text(f'"""t"""\n{head}\nrevision = "0002"\ndown_revision = "0001"\n\n\n{body}\n'
                    "\ndef downgrade():\n    pass\n")
    return [(op.name, op.column) for op in read_revision(path, path.name).upgrade]


@pytest.mark.parametrize(("head", "call"), [
    ("from alembic import op", "op.drop_column"),
    ("from alembic.op import drop_column", "drop_column"),
    ("from alembic.op import drop_column as dc", "dc"),
    ("from alembic import op as o", "o.drop_column"),
    ("import alembic.op as op2", "op2.drop_column"),
    ("import alembic.op", "alembic.op.drop_column"),
])
def test_every_way_to_reach_alembic_op_reads_the_same(tmp_path, head, call):
    body = f'def upgrade():\n    {call}("recruits", "chatname")\n'
    assert upgrade_ops(tmp_path, head, body) == [("drop_column", "chatname")]


@pytest.mark.parametrize("head", ["from myproject.ops import drop_column",
                                  "from alembic import context as drop_column"])
def test_a_function_of_the_same_name_from_elsewhere_is_no_alembic_op(tmp_path, head):
    body = 'def upgrade():\n    drop_column("recruits", "chatname")\n'
    assert ("drop_column", "chatname") not in upgrade_ops(tmp_path, head, body)


def test_a_bare_execute_imported_from_alembic_op_is_read_as_sql(tmp_path):
    body = 'def upgrade():\n    execute("ALTER TABLE recruits DROP COLUMN chatname")\n'
    assert upgrade_ops(tmp_path, "from alembic.op import execute", body) == [
        ("drop_column", "chatname")]


def test_upgrade_that_returns_when_no_op_is_handed_in_runs_nothing(tmp_path):
    body = ('def upgrade(op=None):\n    if op is None:\n        return\n'
            '    op.drop_column("recruits", "chatname")\n')
    assert upgrade_ops(tmp_path, "", body) == []


@pytest.mark.parametrize("body", [
    # an op handed in by default: Alembic's own op, the body runs
    'def upgrade(op=op):\n    if op is None:\n        return\n'
    '    op.drop_column("recruits", "chatname")\n',
    # a return under an `if` the reviewer cannot decide ends nothing for sure
    'def upgrade():\n    if op.get_context().as_sql:\n        return\n'
    '    op.drop_column("recruits", "chatname")\n',
    # a helper's return ends the helper, not the upgrade
    'def _skip():\n    return\n\n\ndef upgrade():\n    _skip()\n'
    '    op.drop_column("recruits", "chatname")\n',
])
def test_a_return_that_may_not_end_the_upgrade_ends_nothing(tmp_path, body):
    assert upgrade_ops(tmp_path, "from alembic import op", body) == [
        ("drop_column", "chatname")]
