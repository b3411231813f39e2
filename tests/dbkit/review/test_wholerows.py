"""Rows read whole (``SELECT *``) carry on only the columns the file's code takes from them.

Pure parsing: no database.
"""

from __future__ import annotations

import pytest

from dbkit.review.reader import read_revision
from dbkit.review.wholerows import narrow

FILE = '''from alembic import op
import sqlalchemy as sa
from myapp.rows import Item

revision = "0002"
down_revision = "0001"


def helper(row):
    return row.kind


def load():
    rows = op.get_bind().execute(sa.text("SELECT * FROM items")).fetchall()
    return rows[0] if rows else None


def upgrade():
    bind = op.get_bind()
    item = load()
{body}
    bind.execute(sa.text("UPDATE other SET label = :x"), {{"x": value}})


def downgrade():
    pass
'''


def _reads(tmp_path, body: str) -> set:
    path = tmp_path / "0002_read.py"
    path.write_text(FILE.format(body=body))
    rev = read_revision(path, path.name)
    narrow(rev)
    return {ref for op in rev.upgrade if op.name == "read" for ref in op.reads}


@pytest.mark.parametrize(("body", "reads"), [
    # attributes, string keys, get("key"), tests, a class made of them, a helper of the file
    ("    value = item.name\n", {("items", "name")}),
    ("    value = item['size']\n", {("items", "size")}),
    ("    value = item.get('colour')\n", {("items", "colour")}),
    ("    value = 1 if item is None else 2\n", set()),
    ("    value = Item(**item._asdict()).name\n", {("items", "name")}),
    ("    value = helper(item)\n", {("items", "kind")}),
    # handed on whole: to what is written, a container, a string, every key
    ("    value = item\n", {("items", "*")}),
    ("    value = [item]\n", {("items", "*")}),
    ("    value = f'{item}'\n", {("items", "*")}),
    ("    value = item.items()\n", {("items", "*")}),
    ("    value = item.__dict__\n", {("items", "*")}),
])
def test_a_whole_row_read_carries_only_what_the_code_takes(tmp_path, body, reads):
    assert _reads(tmp_path, body) == reads
