"""dialect.of: the database a chain runs on, from what the project tells Alembic plainly."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from review_cases import findings

from dbkit.review import dialect
from dbkit.review.context import Context
from dbkit.review.ops import ColumnInfo, Op
from dbkit.review.reader import read_revision
from dbkit.review.rules import unnamed_constraint

ENV = "from alembic import context\nconfig = context.config\n"


def chain(tmp_path: Path, url: str | None = None, env: str = ENV,
          files: dict[str, str] | None = None) -> Path:
    """A repository with alembic.ini (``url`` as its sqlalchemy.url) and migrations/env.py."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "migrations" / "versions").mkdir(parents=True)
    ini = "[alembic]\nscript_location = migrations\n"
    (tmp_path / "alembic.ini").write_text(ini + (f"sqlalchemy.url = {url}\n" if url else ""))
    (tmp_path / "migrations" / "env.py").write_text(env)
    for name, text in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path / "migrations" / "env.py"


@pytest.mark.parametrize(("url", "env", "files", "expected"), [
    ("mysql+pymysql://app@localhost/app", ENV, {}, dialect.MYSQL),
    ("mariadb://app@db/app", ENV, {}, dialect.MYSQL),
    (None, ENV + 'engine = create_engine("mysql+mysqldb://app@db/app")\n', {}, dialect.MYSQL),
    (None, ENV + 'url = f"mysql+pymysql://{user}@{host}/app"\n', {}, dialect.MYSQL),
    # Templated from the environment, alembic init's placeholder, or nothing said: as before.
    ("%(DATABASE_URL)s", ENV, {}, dialect.POSTGRESQL),
    ("driver://user:pass@localhost/dbname", ENV, {}, dialect.POSTGRESQL),
    (None, ENV + 'config.set_main_option("sqlalchemy.url", os.environ["DB"])\n', {},
     dialect.POSTGRESQL),
    ("postgresql://app@db/app", ENV, {}, dialect.POSTGRESQL),
    # Sources that disagree: ambiguous, so PostgreSQL as before.
    ("mysql://app@db/app", ENV + 'TEST_URL = "sqlite:///test.db"\n', {}, dialect.POSTGRESQL),
    # No URL anywhere: the only database driver the project depends on (FIDO-login).
    (None, ENV, {"requirements.txt": "Flask==2.0\nmysqlclient==2.0.3\n"}, dialect.MYSQL),
    (None, ENV, {"pyproject.toml": '[project]\ndependencies = [\n  "PyMySQL>=1",\n]\n'},
     dialect.MYSQL),
    (None, ENV, {"requirements.txt": "pymysql\npsycopg2-binary\n"}, dialect.POSTGRESQL),
    (None, ENV, {"requirements.txt": "pymysql-stubs\n"}, dialect.POSTGRESQL),
    # A URL that names another database wins over the drivers.
    ("sqlite:///app.db", ENV, {"requirements.txt": "pymysql\n"}, dialect.SQLITE),
    # Nothing said in alembic.ini nor env.py: the default URL of the settings env.py imports
    # (ShareChannel's app.config: sqlite+aiosqlite:///./sharechannel.sqlite3, held-out31).
    (None, ENV + "from app.config import settings\n",
     {"app/__init__.py": "", "app/config.py": 'database_url = "sqlite+aiosqlite:///./a.db"\n'
                                              'redis_url = "redis://localhost:6379/0"\n'},
     dialect.SQLITE),
    (None, ENV + "from app.config import settings\n",
     {"app/__init__.py": "", "app/config.py": 'url = "sqlite:///a.db"\nprod = "postgresql://db/a"\n'},
     dialect.POSTGRESQL),
])
def test_the_dialect_is_what_the_project_says_plainly(tmp_path, url, env, files, expected):
    assert dialect.of(chain(tmp_path, url, env, files)) == expected


def test_an_ini_naming_another_scripts_folder_says_nothing_of_this_chain(tmp_path):
    env = chain(tmp_path)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "alembic.ini").write_text(
        "[alembic]\nscript_location = ../elsewhere\nsqlalchemy.url = mysql://a@b/c\n")
    (tmp_path / "alembic.ini").write_text(
        "[alembic]\nscript_location = elsewhere\nsqlalchemy.url = mysql://a@b/c\n")
    assert dialect.of(env) == dialect.POSTGRESQL
    assert dialect.of(None) == dialect.POSTGRESQL


def test_an_unnamed_foreign_key_on_mysql_is_named_as_mysql_names_it(tmp_path):
    revision = tmp_path / "0001_keys.py"
    revision.write_text(
        'from alembic import op\nrevision = "0001"\ndown_revision = None\n\n\n'
        'def upgrade():\n    op.create_foreign_key(None, "posts", "users", ["user_id"], ["id"])\n'
        '\n\ndef downgrade():\n    op.drop_constraint(None, "posts", type_="foreignkey")\n')
    rev = read_revision(revision, str(revision))
    messages = {ctx_dialect: [f.message for f in unnamed_constraint.check(
        Context.of([rev], dialect=ctx_dialect))] for ctx_dialect in (dialect.MYSQL,
                                                                     dialect.POSTGRESQL)}
    assert all("MySQL makes up a name (posts_ibfk_<n>)" in m for m in messages[dialect.MYSQL])
    assert all("PostgreSQL makes up a name" in m for m in messages[dialect.POSTGRESQL])
    assert len(messages[dialect.MYSQL]) == 2


def test_what_mysql_does_with_an_added_column_follows_its_type():
    def added(type_: str | None) -> dialect.Added | None:
        op = Op("add_column", 1, 1, table="t", column="c", added=ColumnInfo("c", type_, False))
        revision = SimpleNamespace(upgrade=[op])
        return dialect.mysql_add(dialect.MYSQL, revision, op)  # type: ignore[arg-type]

    assert added("String") == dialect.Added("''", "")
    assert added("BigInteger") == dialect.Added("0", "")
    assert added("Time") == dialect.Added("'00:00:00'", "")
    assert added(None) == dialect.Added("", "")  # (a type not read: no proof it fails)
    for dated in ("TIMESTAMP", "Date", "UtcDateTime"):
        found = added(dated)
        assert found is not None and "zero date" in found.fails


SQLITE_ONLY = (
    'from alembic import op\nimport sqlalchemy as sa\nrevision = "0002"\ndown_revision = "0001"\n\n\n'
    'def upgrade():\n    if op.get_bind().dialect.name != "sqlite":\n        return\n'
    '    op.drop_table("logins")\n    op.create_table("logins", sa.Column("id", sa.Integer))\n\n\n'
    'def downgrade():\n    pass\n')
FIRST = (
    'from alembic import op\nimport sqlalchemy as sa\nrevision = "0001"\ndown_revision = None\n\n\n'
    'def upgrade():\n    op.create_table("logins", sa.Column("id", sa.Integer), '
    'sa.Column("who", sa.Text))\n\n\ndef downgrade():\n    op.drop_table("logins")\n')


@pytest.mark.parametrize(("url", "dropped"), [
    ("sqlite:///app.db", True),  # the branch SQLite takes is the one read (ShareChannel)
    ("postgresql://app@db/app", False),  # on PostgreSQL the upgrade returns first
    (None, False),  # nothing said: PostgreSQL, as before
])
def test_the_ifs_of_the_dialect_are_read_as_the_projects_database_takes_them(
        tmp_path, url, dropped):
    env = chain(tmp_path, url, files={"migrations/versions/0001_first.py": FIRST,
                                      "migrations/versions/0002_rebuild.py": SQLITE_ONLY})
    found = {(Path(f.file).name, f.line, f.rule, f.severity) for f in findings(env.parents[1])}
    assert (("0002_rebuild.py", 10, "data-dropped", "error") in found) is dropped
