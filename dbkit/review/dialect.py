"""Which database a chain runs on, when the project says so plainly: MySQL, SQLite, else
PostgreSQL.

The rules read a chain as PostgreSQL runs it. MySQL and MariaDB differ where a rule's
proof rests: ``ADD COLUMN c <type> NOT NULL`` with no default does not fail on a table
with rows, even in strict mode; the existing rows take the type's implicit default ('' for
strings, BLOB and TEXT, 0 for numbers, an ENUM's first value). Only a date or time column
fails (its implicit zero date is refused by MySQL 8's strict mode, ERROR 1292), and a
unique key on the new column fails on two rows or more (they all hold the same value).
Unnamed constraints get MySQL's names (``<table>_ibfk_<n>``), not PostgreSQL's. On every
database, a revision's ``if`` of the dialect's name is read as that database takes it
(``code.holds_on``): ``if bind.dialect.name != "sqlite": return`` ends the upgrade on
PostgreSQL, and runs what follows on SQLite (YoullNeverKnowMefr/ShareChannel ``20251213_11``
drops and makes again three tables of a bot whose settings default to SQLite, held-out31).

:func:`of` reads, statically (nothing is imported or run), what the project tells Alembic:
the ``sqlalchemy.url`` of each ``alembic.ini`` section whose ``script_location`` is the
chain's (:func:`dbkit.project.configuring`), and the literal URLs of ``env.py``
(``create_engine("mysql+pymysql://...")``). When neither names a database (the URL comes
from the environment or the application, as Flask-Migrate's ``env.py`` takes it), the
project's declared dependencies: a MySQL driver (mysqlclient, PyMySQL, ...) and none of
PostgreSQL's (team-pass/FIDO-login, held-out27: mysqlclient, a MariaDB service); then the
literal URLs of the project's modules ``env.py`` imports (its settings: ShareChannel's
``database_url = Field("sqlite+aiosqlite:///./sharechannel.sqlite3")``). Anything else, or
sources that disagree: PostgreSQL, as before.
"""
from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit import project, pysource
from dbkit.errors import ConfigError
from dbkit.review import modules

if TYPE_CHECKING:
    from dbkit.review.ops import Op
    from dbkit.review.revision import Revision

POSTGRESQL, MYSQL, SQLITE = "PostgreSQL", "MySQL", "SQLite"
_SCHEME = re.compile(r"^\s*([a-z][a-z0-9]*)(?:\+[\w-]+)?://", re.I)
_FAMILIES = {"mysql": MYSQL, "mariadb": MYSQL, "postgresql": POSTGRESQL,
             "postgres": POSTGRESQL, "pgsql": POSTGRESQL, "sqlite": SQLITE}
_PLACEHOLDER = "driver"  # alembic init's ini: driver://user:pass@localhost/dbname
_DRIVER = r"^\s*['\"]?(?:{})(?![\w.-]*\w)"  # a dependency's name at the start of its line
_MYSQL_DRIVERS = re.compile(_DRIVER.format(
    r"mysqlclient|pymysql|mysql-connector(?:-python)?|aiomysql|asyncmy|mariadb|flask-mysqldb"),
    re.I | re.M)
_PG_DRIVERS = re.compile(_DRIVER.format(r"psycopg2?(?:-binary)?|asyncpg|pg8000"), re.I | re.M)
_DEPENDENCY_FILES = ("requirements*.txt", "requirements/*.txt", "pyproject.toml", "setup.py",
                     "setup.cfg", "Pipfile")
_FILE_LIMIT = 1 << 20

# SQLAlchemy and MySQL types (their last name) by the implicit default MySQL gives the rows
_IMPLICIT = {
    **dict.fromkeys(("String", "VARCHAR", "CHAR", "Text", "TEXT", "Unicode", "UnicodeText",
                     "NVARCHAR", "NCHAR", "CLOB", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT",
                     "LargeBinary", "BLOB", "BINARY", "VARBINARY", "TINYBLOB", "MEDIUMBLOB",
                     "LONGBLOB", "Uuid", "UUID"), "''"),
    **dict.fromkeys(("Integer", "INTEGER", "INT", "BigInteger", "BIGINT", "SmallInteger",
                     "SMALLINT", "TINYINT", "MEDIUMINT", "Numeric", "NUMERIC", "DECIMAL",
                     "Float", "FLOAT", "REAL", "DOUBLE", "Double", "DOUBLE_PRECISION",
                     "Boolean", "BOOLEAN", "BIT"), "0"),
    **dict.fromkeys(("Enum", "ENUM"), "the ENUM's first value"),
    **dict.fromkeys(("Time", "TIME"), "'00:00:00'"),
}
_ZERO_DATE = re.compile(r"date|timestamp|interval", re.I)  # (sa.Interval is a DATETIME there)
_KEYED = ("create_unique_constraint", "create_primary_key", "create_index")


@functools.lru_cache(maxsize=32)
def of(env: Path | None, repository: Path | None = None) -> str:
    """The database the chain of ``env`` (its ``env.py``) runs on: MYSQL or POSTGRESQL.
    ``repository``: the folder whose files are the project's (chain.scan_root: a
    test's fixture is a project of its own), else the repository around ``env``."""
    if env is None:
        return POSTGRESQL
    within = repository or project.reviewed_folder(env)
    said = {_FAMILIES.get(s, s) for s in
            _ini_schemes(env.parent, within) | _env_schemes(env, within)}
    if not said:
        said = {MYSQL} if _only_mysql_drivers(env.parent, within) else said
    if not said:  # the URL env.py takes from the project's settings: their literal default
        said = {_FAMILIES[s] for f in _imported_files(env, within)
                for s in _literal_schemes(f, within) if s in _FAMILIES}
    return said.pop() if len(said) == 1 and said <= {MYSQL, SQLITE} else POSTGRESQL


def _ini_schemes(scripts: Path, within: Path) -> set[str]:
    urls = [p.options.get("sqlalchemy.url", "") for p in project.configuring(scripts, within)]
    return {s for s in map(_scheme, urls) if s}


def _env_schemes(env: Path, within: Path) -> set[str]:
    """The schemes of the URLs ``env.py`` writes out (a string, or an f-string's start)."""
    return _literal_schemes(env, within)


def _imported_files(env: Path, within: Path) -> list[Path]:
    """The project's modules ``env.py`` imports, inside ``within`` (its settings, models)."""
    try:
        module = modules.module_of(pysource.parse(project.read_inside(env, within)), env)
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError, ConfigError):
        return []
    found = []
    for local in module.imports:
        path = modules.imported_file(module, local)
        if path is not None and path not in found and path.is_relative_to(within.resolve()):
            found.append(path)
    return found


def _literal_schemes(path: Path, within: Path) -> set[str]:
    """The schemes of the URLs a Python file writes out (a string, or an f-string's start)."""
    try:
        tree = pysource.parse(project.read_inside(path, within))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError, ConfigError):
        return set()
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and node.values:
            node = node.values[0]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(_scheme(node.value))
    return found - {""}


def _scheme(url: str) -> str:
    """A URL's database (``mysql`` of ``mysql+pymysql://``); "" for none, a template or
    alembic init's placeholder."""
    found = _SCHEME.match(url)
    name = found.group(1).lower() if found else ""
    return "" if name == _PLACEHOLDER else name


def _only_mysql_drivers(scripts: Path, within: Path) -> bool:
    """Do the dependency files in ``scripts`` and the folders above it (up to ``within``)
    name a MySQL driver and no PostgreSQL one?"""
    texts = []
    top = within.resolve()
    for folder in (scripts.resolve(), *scripts.resolve().parents):
        if folder != top and top not in folder.parents:
            break
        for pattern in _DEPENDENCY_FILES:
            for path in sorted(folder.glob(pattern)):
                try:
                    if path.is_file() and path.stat().st_size < _FILE_LIMIT:
                        texts.append(project.read_inside(path, within))
                except (OSError, UnicodeDecodeError, ConfigError):
                    continue
    text = "\n".join(texts)
    return bool(_MYSQL_DRIVERS.search(text)) and not _PG_DRIVERS.search(text)


@dataclass(frozen=True)
class Added:
    """What MySQL does with the existing rows of a NOT NULL column added with no default."""

    value: str  # the implicit default they take ("''", "0", ...; "" when the type is not read)
    fails: str  # why the add still fails there ("" when it does not)


def mysql_add(dialect: str, rev: Revision, op: Op) -> Added | None:
    """None unless the chain runs on MySQL (``dialect``); else what its add of ``op.added``
    does."""
    if dialect != MYSQL or op.added is None:
        return None
    type_ = op.added.type_ or ""
    if _ZERO_DATE.search(type_):
        return Added("", f"its type ({type_}) gives the existing rows the zero date, which "
                         "strict mode rejects (ERROR 1292): the upgrade fails on a table with "
                         "rows.")
    keyed = _unique_after(rev, op)
    value = _IMPLICIT.get(type_, "")
    referenced = _key_checked(rev, op) if value == "0" else ""
    if referenced:
        return Added(value, f"every existing row takes the implicit default (0), which no "
                            f"auto-increment id of {referenced} holds: the foreign key to it "
                            "fails on a table with rows (ERROR 1452).")
    if keyed:
        taken = f"the same implicit default ({value})" if value else "the same implicit default"
        return Added(value, f"every existing row takes {taken}, and {keyed} fails on two "
                            "rows or more.")
    return Added(value, "")


def _unique_after(rev: Revision, op: Op) -> str:
    """The unique key over ``op``'s new column (and other columns the revision adds the same
    way) that the revision declares: on the column itself, or made after it; "" for none."""
    assert op.added is not None
    if op.added.primary or op.uniques:
        return "its own unique key"
    added = {o.added.name.lower() for o in rev.upgrade if o.name == "add_column"
             and o.table == op.table and o.added and not o.added.nullable
             and not o.added.server_default and o.seq <= op.seq}
    for other in rev.upgrade:
        keys = {k.lower() for k in other.keys}
        if other.seq > op.seq and other.name in _KEYED and other.table == op.table \
                and op.added.name.lower() in keys and keys <= added \
                and (other.name != "create_index" or other.uniques):
            return f"the unique key made at line {other.line}"
    return ""


def _key_checked(rev: Revision, op: Op) -> str:
    """The table a foreign key over ``op``'s new column points at, checked at once on every
    row: on the column itself, or made after it in the revision before any fill of it; ""
    for none."""
    assert op.added is not None
    name = op.added.name.lower()
    for other in sorted((o for o in rev.upgrade if o.seq >= op.seq), key=lambda o: o.seq):
        if other.name == "backfill" and other.fills(op.table, op.added.name):
            return ""
        if other is op or other.table == op.table:
            for columns, table, _ in other.enforced:
                if name in {c.lower() for c in columns}:
                    return table
    return ""


def made_up_name(dialect: str, kind: str | None, table: str | None) -> str:
    """Who names an unnamed constraint of ``kind`` ("fk", "uq", "ck", "pk"), and how."""
    if dialect != MYSQL:
        return f"{dialect} makes up a name"
    names = {"fk": f"{table or '<table>'}_ibfk_<n>", "ck": f"{table or '<table>'}_chk_<n>",
             "uq": "its first column's name", "pk": "PRIMARY"}
    return f"MySQL makes up a name ({names[kind]})" if kind in names else \
        "MySQL makes up a name"
