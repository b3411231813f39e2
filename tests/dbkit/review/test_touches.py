"""The tables code the reviewer cannot follow names, when it names all it may touch: its
doubt reaches only those (truenth-portal 823de677d394). Pure parsing: no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbkit.review.reader import read_revision

HEAD = '''"""a revision"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.orm import sessionmaker

revision = "0002"
down_revision = "0001"
Session = sessionmaker()


def fill(table_name):
    session = Session(bind=op.get_bind())
{body}


def upgrade():
    fill("procedures")


def downgrade():
    pass
'''


def _loop(tmp_path: Path, body: str):
    path = tmp_path / "0002_fill.py"
    path.write_text(HEAD.format(body=body))
    loops = [o for o in read_revision(path, path.name).upgrade if o.name == "opaque"
             and o.reason.startswith("a loop")]
    assert len(loops) == 1
    return loops[0]


FORMAT = ("    for row_id, user_id in session.execute(\n"
          "            'SELECT id, user_id FROM {} WHERE visit_id IS NULL'.format(table_name)):\n"
          "        visit = Visit(user_id=user_id)\n"
          "        session.add(visit)\n"
          "        session.execute('UPDATE {} SET visit_id = {} WHERE id = {}'.format(\n"
          "            table_name, visit.id, row_id))\n")


def test_a_helpers_literal_argument_and_an_orm_class_are_what_it_touches(tmp_path):
    loop = _loop(tmp_path, FORMAT)
    assert loop.touches == frozenset({"procedures", "orm:visit"})
    assert loop.may_touch("procedures", "visit_id") and loop.may_touch("visits", "user_id")
    assert not loop.may_touch("tokens", "user_id")  # it sets a user_id, of no such table


def test_an_f_string_filled_with_known_values(tmp_path):
    body = ("    for (row_id,) in session.execute(f'SELECT id FROM {table_name}'):\n"
            "        session.execute(f'DELETE FROM audit WHERE subject = {row_id}')\n")
    assert _loop(tmp_path, body).touches == frozenset({"procedures", "audit"})


@pytest.mark.parametrize("body", [
    # a table name the reviewer does not know
    FORMAT.replace("format(\n            table_name,", "format(\n            row_id,"),
    # SQL of another dialect, which PostgreSQL's parser cannot read
    FORMAT.replace("'UPDATE {} SET", "'UPDATE OR IGNORE {} SET"),
    # attributes of objects of a class it does not name (a relationship)
    FORMAT + "        row_id.owner.visit_id = 1\n",
    # a function of the file, whose body it would have to read
    FORMAT + "        fill(row_id)\n",
    # a DO block
    FORMAT.replace("'UPDATE {} SET visit_id = {} WHERE id = {}'.format(\n"
                   "            table_name, visit.id, row_id)",
                   "'DO $$ BEGIN PERFORM 1; END $$'"),
])
def test_code_that_may_touch_tables_it_does_not_name_touches_any(tmp_path, body):
    loop = _loop(tmp_path, body)
    assert loop.touches is None
    assert loop.may_touch("tokens", "visit_id")
