"""A revision file that does not parse here, in a project that declares a newer Python: not
proven broken, a warning (held-out11's ai-knowledge-compiler: 3.12's f-strings, read by 3.11)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from dbkit.cli.review import main
from dbkit.review.pyversion import declared_minimum

HERE = sys.version_info[:2]
NEXT = f"{HERE[0]}.{HERE[1] + 1}"
ROOT = '"""root"""\nfrom alembic import op\nrevision = "a"\ndown_revision = None\n' \
       'def upgrade():\n    op.execute("SELECT 1")\ndef downgrade():\n    pass\n'
# A syntax error to every Python: so the test says the same under any interpreter.
UNPARSED = '"""b"""\nfrom alembic import op\nrevision = "b"\ndown_revision = "a"\n' \
           'def upgrade():\n    op.execute(f"SELECT {1 +}")\ndef downgrade():\n    pass\n'


def _chain(root: Path, declared: str | None) -> Path:
    versions = root / "versions"
    versions.mkdir(parents=True)
    (versions / "a_root.py").write_text(ROOT)
    (versions / "b_next.py").write_text(UNPARSED)
    if declared is not None:
        (root / "pyproject.toml").write_text(f'[project]\nname = "x"\nrequires-python = '
                                             f'">={declared}"\n')
    return root


def _broken(capsys) -> list[dict]:
    return [f for f in json.loads(capsys.readouterr().out) if f["rule"] == "broken-chain"]


def test_a_file_a_newer_declared_python_may_read_is_a_warning_naming_it(tmp_path, capsys):
    root = _chain(tmp_path / "repo", NEXT)

    assert main([str(root), "--no-squawk", "--format", "json"]) == 0
    [found] = _broken(capsys)
    assert found["severity"] == "warning"
    assert f"pyproject.toml asks for Python {NEXT} or newer" in found["message"]
    assert f"does not parse under Python {HERE[0]}.{HERE[1]}" in found["message"]
    assert found["file"].endswith("b_next.py") and found["line"] == 6


@pytest.mark.parametrize("declared", [None, f"{HERE[0]}.{HERE[1]}", "3.8"])
def test_with_no_newer_python_declared_the_file_is_broken_an_error(tmp_path, capsys, declared):
    root = _chain(tmp_path / "repo", declared)

    assert main([str(root), "--no-squawk", "--format", "json"]) == 1
    [found] = _broken(capsys)
    assert found["severity"] == "error" and "cannot be read as Python" in found["message"]


@pytest.mark.parametrize(("name", "text", "found"), [
    ("pyproject.toml", '[project]\nrequires-python = ">=3.12,<3.14"\n', (3, 12)),
    ("pyproject.toml", '[tool.poetry.dependencies]\npython = "^3.13"\n', (3, 13)),
    ("pyproject.toml", '[project]\nrequires-python = ">3.11"\n', (3, 12)),
    ("pyproject.toml", '[project]\nname = "no python said"\n', None),
    ("pyproject.toml", 'not [ toml', None),
    ("setup.cfg", "[options]\npython_requires = >=3.10\n", (3, 10)),
    (".python-version", "3.12.1\n", (3, 12)),
    (".python-version", "system\n", None),
])
def test_each_file_a_project_declares_its_python_in_is_read(tmp_path, name, text, found):
    (tmp_path / name).write_text(text)
    got = declared_minimum(tmp_path, tmp_path)
    assert (got[0] if got else None) == found
    if found:
        assert got[1] == tmp_path / name


def test_the_declaration_is_looked_for_up_to_the_folder_under_review_only(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.13"\n')
    chain = tmp_path / "repo" / "migrations" / "versions"
    chain.mkdir(parents=True)

    assert declared_minimum(chain, tmp_path / "repo") is None
    assert declared_minimum(chain, tmp_path)[0] == (3, 13)
