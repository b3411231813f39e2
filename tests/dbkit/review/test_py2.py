"""A revision file that does not parse: Python 2 told from a syntax error, its header read."""

from __future__ import annotations

from pathlib import Path

import pytest

from dbkit.review.py2 import is_python2
from dbkit.review.reader import read_revision


@pytest.mark.parametrize("source", [
    'print "x"\n',
    'def downgrade():\n    print "x", y\n    print\n    print >>sys.stderr, "a"\n',
    'try:\n    pass\nexcept (A, B), e:\n    raise E, "why"\n',
    'if x: print "a" % (1,)\n',
    'x = `a`\ny = a <> b\nz = 0777 + 10L\nexec "x" in ns\n',
])
def test_python_2_forms_are_python_2(source: str) -> None:
    assert is_python2(source)


@pytest.mark.parametrize("source", [
    'def upgrade(:\n    pass\n',  # a typo
    'x = = 1\nprint "a"\n',  # Python 2 too, but broken elsewhere
    'print("x")\n',  # Python 3
])
def test_other_files_are_not_python_2(source: str) -> None:
    assert not is_python2(source)


def test_a_file_that_does_not_parse_keeps_its_header(tmp_path: Path) -> None:
    path = tmp_path / "b.py"
    path.write_text('"""b"""\nrevision: str = "b"\ndown_revision = (\n    "a",  # the parent\n'
                    '    "z",\n)\nbranch_labels = None\ndepends_on = "y"\n'
                    'def downgrade():\n    print "x"\n')
    rev = read_revision(path, "b.py")
    assert (rev.revision, rev.down_revision, rev.depends_on) == ("b", ("a", "z"), ("y",))
    assert rev.python2 and rev.error == "is written for Python 2 (not Python 3 from line 10)"
    assert rev.upgrade == [] and rev.downgrade == []
