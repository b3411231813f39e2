"""SQL files a revision runs, read as their SQL (sqlfiles.py): only files of its repository."""

from __future__ import annotations

from pathlib import Path

from dbkit.review.reader import read_revision

REVISION = '''
import importlib.resources
import os
from importlib.resources import files
from pathlib import Path

from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.execute({statement})
'''


def _ops(tmp_path: Path, statement: str) -> list[tuple[str, str | None]]:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    versions = repo / "app" / "migrations" / "versions"
    versions.mkdir(parents=True)
    for package in (repo / "app", repo / "app" / "migrations", repo / "app" / "sql"):
        package.mkdir(exist_ok=True)
        (package / "__init__.py").write_text("")
    (repo / "app" / "sql" / "schema.sql").write_text(
        "CREATE TABLE cohorts (id serial PRIMARY KEY, code text NOT NULL);")
    (versions / "next.sql").write_text("DROP TABLE students;")
    (tmp_path / "outside.sql").write_text("DROP TABLE teachers;")
    path = versions / "0001_schema.py"
    path.write_text(REVISION.format(statement=statement))
    rev = read_revision(path, path.name)
    return [(o.name, o.table) for o in rev.upgrade]


def test_a_package_file_read_by_importlib_resources_is_its_sql(tmp_path):
    for statement in ('importlib.resources.read_text("app.sql", "schema.sql")',
                      'files("app.sql").joinpath("schema.sql").read_text()',
                      '(importlib.resources.files("app") / "sql" / "schema.sql").read_text()'):
        assert _ops(tmp_path / str(len(statement)), statement) == [("create_table", "cohorts")], \
            statement


def test_a_file_next_to_the_revision_is_its_sql(tmp_path):
    for statement in ('(Path(__file__).parent / "next.sql").read_text()',
                      'open(os.path.join(os.path.dirname(__file__), "next.sql")).read()'):
        assert _ops(tmp_path / str(len(statement)), statement) == [("drop_table", "students")]


def test_a_file_outside_the_repository_or_missing_is_a_statement_not_followed(tmp_path):
    outside = tmp_path / "outside.sql"
    for statement in (f'open("{outside}").read()', f'Path("{outside}").read_text()',
                      '(Path(__file__).parent / "missing.sql").read_text()',
                      'importlib.resources.read_text("app.sql", "missing.sql")',
                      'open(os.path.join(os.path.dirname(__file__), "next.sql"), "w").read()'):
        found = _ops(tmp_path / str(len(statement)), statement)
        assert found == [("execute", None)], statement
