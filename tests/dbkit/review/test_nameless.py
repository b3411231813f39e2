"""Code the reviewer cannot follow, that never names a column, cannot keep or fill it.

A drop (or NOT NULL) after such code is an error whose message says what was not followed
and why that cannot change it; any name of the column, any copy of whole rows, or code of
the project the file imports keeps it a warning. Pure parsing: no database.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from review_cases import CORPUS, findings

CASE = CORPUS / "data-dropped" / "orm_session_that_never_names_the_column"

CREATE = CASE / "0001_create.py"

LOOP = '''"""{doc}"""
from alembic import op
import sqlalchemy as sa
{imports}
revision = "0002"
down_revision = "0001"


def upgrade():
    bind = op.get_bind()
    session = Session(bind=bind)
    prepare(bind)
{body}
    session.commit()
    op.drop_column("jobs", "status")


def downgrade():
    op.add_column("jobs", sa.Column("status", sa.String(20), nullable=True))


def prepare(bind):
    vacuum(bind)
'''

HEAD = "from sqlalchemy.orm import sessionmaker\nSession = sessionmaker()\n"


def _review(tmp_path: Path, imports: str, body: str):
    (tmp_path / "0001_create.py").write_text(CREATE.read_text())
    text = LOOP.format(doc="a loop", imports=imports, body=body)
    (tmp_path / "0002_loop.py").write_text(text)
    line = text.splitlines().index('    op.drop_column("jobs", "status")') + 1
    return line, [f for f in findings(tmp_path) if f.message.startswith("Drops column")]


def test_the_error_says_what_was_not_followed_and_why_it_cannot_keep_the_column():
    found = [f for f in findings(CASE) if f.file.endswith("0002_merge_duplicate_jobs.py")
             and f.message.startswith("Drops column")]  # (session.delete: a warning of its own)
    assert [(f.line, f.severity) for f in found] == [(36, "error")]
    # (Session(bind=...) only makes a session: the loop over its rows is what is not followed)
    assert "could not follow a loop over rows (line 29)" in found[0].message
    assert "nothing in this file names status or copies whole rows" in found[0].message


NEVER_NAMED = "    for row in bind.execute(sa.text('SELECT id, uuid FROM jobs')):\n" \
              "        session.execute(sa.text('DELETE FROM results WHERE job_id = :i'), " \
              "{'i': row.id})\n"


@pytest.mark.parametrize(("imports", "body", "severity"), [
    (HEAD, NEVER_NAMED, "error"),
    # the column named (a word of its SQL, an attribute, a keyword): it may be kept
    (HEAD, NEVER_NAMED.replace("id, uuid", "id, status"), "warning"),
    (HEAD, "    for job in session.query(Jobs):\n        keep(job.status)\n", "warning"),
    (HEAD, "    for job in session.query(Jobs):\n        session.add(Old(status=1))\n",
     "warning"),
    # whole rows copied: SELECT *, dict(row), **row, a reflected table, an ORM merge
    (HEAD, NEVER_NAMED.replace("id, uuid", "*"), "warning"),
    (HEAD, "    for row in bind.execute(sa.text('SELECT id FROM jobs')):\n"
           "        keep(dict(row))\n", "warning"),
    (HEAD, "    for row in bind.execute(sa.text('SELECT id FROM jobs')):\n"
           "        keep(**row)\n", "warning"),
    (HEAD, "    jobs = sa.Table('jobs', sa.MetaData(), autoload_with=bind)\n"
           "    for row in bind.execute(jobs.select()):\n        keep(row)\n", "warning"),
    (HEAD, "    for job in session.query(Jobs):\n        session.merge(job)\n", "warning"),
    # code of the project, which the reviewer would have to read too
    (HEAD + "from myapp.models import Jobs\n",
     "    for job in session.query(Jobs):\n        session.delete(job)\n", "warning"),
])
def test_only_code_that_never_names_the_column_nor_copies_whole_rows_is_no_doubt(
        tmp_path, imports, body, severity):
    line, found = _review(tmp_path, imports, body)
    assert [(f.line, f.severity) for f in found] == [(line, severity)]
