"""The foreign keys a revision sees (throughkeys.py), worked out once per revision and carried
down lines of single parents: the same whichever revision is asked first, across a merge too.

Pure parsing: no database.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dbkit.review.chain import Chain, collect
from dbkit.review.throughkeys import foreign_keys

HEADER = '''"""{rev}"""
from alembic import op
import sqlalchemy as sa

revision = "{rev}"
down_revision = {down}


def upgrade():
{body}


def downgrade():
    pass
'''
REVISIONS = {
    "0001": (None, '''    op.create_table("crags", sa.Column("id", sa.Integer, primary_key=True))
    op.create_table("areas", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("crag_id", sa.Integer, sa.ForeignKey("crags.id")))'''),
    "0002": ("0001", '''    op.create_table("lines", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("area_id", sa.Integer, sa.ForeignKey("areas.id")))'''),
    "0003": ("0001", '''    op.drop_column("areas", "crag_id")'''),
    "0004": (("0002", "0003"), '''    op.add_column("lines", sa.Column("crag_id", sa.Integer,
                  sa.ForeignKey("crags.id")))'''),
    "0005": ("0004", '''    op.drop_table("areas")'''),
    "0006": ("0005", '''    pass'''),
}
EXPECTED = {
    "0001": {},
    "0002": {("areas", "crag_id"): "crags"},
    "0003": {("areas", "crag_id"): "crags"},
    "0004": {("lines", "area_id"): "areas"},  # 0003's drop, on the other branch, counts too
    "0005": {("lines", "area_id"): "areas", ("lines", "crag_id"): "crags"},
    "0006": {("lines", "crag_id"): "crags"},  # the key to the dropped table goes with it
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for rev, (down, body) in REVISIONS.items():
        (tmp_path / f"{rev}_step.py").write_text(
            HEADER.format(rev=rev, down=repr(down), body=body), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("asked", [sorted(EXPECTED), sorted(EXPECTED, reverse=True)],
                         ids=["roots first", "heads first"])
def test_each_revision_sees_the_keys_its_ancestors_leave(folder: Path,
                                                          asked: list[str]) -> None:
    chain = Chain(collect(str(folder))[0])
    seen = {rev: foreign_keys(chain, chain.by_id[rev]) for rev in asked}
    assert seen == EXPECTED


def test_a_caller_that_changes_what_it_got_changes_nothing_kept(folder: Path) -> None:
    chain = Chain(collect(str(folder))[0])
    foreign_keys(chain, chain.by_id["0006"]).clear()
    assert foreign_keys(chain, chain.by_id["0006"]) == EXPECTED["0006"]
