"""Schemas known to be what a revision makes: the drift check before an upgrade, without a
scratch database when nothing changed.

The full check (``gates.hand_made_changes``) builds what the stamped revision makes in a
scratch database and compares. On PostgreSQL every ``DROP DATABASE`` forces an immediate
checkpoint (the server's own code: its dropped files must leave the checkpointer's queue),
so each check writes out every dirty page of the server, prod's too, before the upgrade
starts; and making, migrating, reflecting and dropping the scratch database is most of
the fixed cost of a guarded ``alembic upgrade`` (0.2-0.4 s).

A *fingerprint* is a digest of everything the catalog says about a database's schema (every
schema but PostgreSQL's own; each table, view and sequence, column, type, default,
constraint, index, trigger, function and comment; dbkit's own tables left out, as the full
check leaves them out). Two databases with the same fingerprint have the same schema, so
the full check would find nothing between them. The fingerprint of what revision R makes
is recorded, keyed by R's *chain key* (the bytes of every revision file from the base to R,
the chain's env.py, ``dbkit/online.py`` and the server's major version):

- when a full check built R in a scratch database (``hand_made_changes``);
- when a guarded ``alembic upgrade`` started from an empty, never-stamped database and
  reached R: that run made exactly what a scratch build makes (the same revisions from
  nothing, and ``-x`` takes only the guard rails' options).

Before an upgrade, a database stamped R whose fingerprint is R's recorded one is what R
makes: no scratch database. Any difference (a hand-made change, a revision file edited
since, another server version, a table a downgrade kept) falls back to the full check,
which says what differs. The record is ``.dbkit/expected-schemas.json`` beside the chain's
``alembic.ini`` (git-ignored); one that cannot be read or written is as if empty.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from dbkit import revisions
from dbkit.state.marker import MARKER_TABLE
from dbkit.state.progress import FILLFACTOR_KEPT, PROGRESS_TABLE

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from dbkit.project import Project

log = logging.getLogger(__name__)

FINGERPRINT_VERSION = 1  # a change to the query below makes every recorded fingerprint stale
RECORD = Path(".dbkit") / "expected-schemas.json"
RECORDS_KEPT = 200  # the most recent chain keys kept in the record
ONLINE_HELPERS = Path(__file__).resolve().parent.parent / "online.py"

# One text line per schema object, sorted: names, definitions as PostgreSQL prints them,
# never oids. Columns by their rank among the live ones (a dump and restore keeps it).
FINGERPRINT_SQL = r"""
WITH ns AS (
    SELECT oid, nspname FROM pg_namespace
    WHERE nspname NOT IN ('information_schema', 'pg_catalog', 'pg_toast')
      AND nspname NOT LIKE 'pg\_temp\_%' AND nspname NOT LIKE 'pg\_toast\_temp\_%'
), rel AS (
    SELECT c.oid, n.nspname || '.' || c.relname AS name, c.relkind, c.relpersistence,
           c.relrowsecurity, c.relispartition
    FROM pg_class c JOIN ns n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c')
      AND NOT (n.nspname = 'public' AND c.relname = ANY(CAST(:own AS text[])))
)
SELECT 'schema ' || nspname || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '')
FROM ns
UNION ALL
SELECT concat_ws(' ', 'relation', name, relkind, relpersistence, relrowsecurity,
                 relispartition, obj_description(oid, 'pg_class'),
                 CASE WHEN relkind IN ('v', 'm') THEN pg_get_viewdef(oid) END,
                 CASE WHEN relkind = 'p' THEN pg_get_partkeydef(oid) END,
                 (SELECT pg_get_expr(c.relpartbound, c.oid) FROM pg_class c WHERE c.oid = rel.oid),
                 (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno)
                  FROM pg_inherits i WHERE i.inhrelid = rel.oid))
FROM rel
UNION ALL
SELECT concat_ws(' ', 'column', r.name,
                 row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum), a.attname,
                 format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity,
                 a.attgenerated, pg_get_expr(d.adbin, d.adrelid),
                 CASE WHEN a.attcollation <> t.typcollation THEN co.collname END,
                 col_description(a.attrelid, a.attnum))
FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
UNION ALL
SELECT concat_ws(' ', 'constraint', r.name, c.conname, c.contype, pg_get_constraintdef(c.oid),
                 c.condeferrable, c.condeferred, c.convalidated,
                 obj_description(c.oid, 'pg_constraint'))
FROM pg_constraint c JOIN rel r ON r.oid = c.conrelid
UNION ALL
SELECT concat_ws(' ', 'index', pg_get_indexdef(i.indexrelid), i.indisvalid, i.indisprimary,
                 i.indisclustered, obj_description(i.indexrelid, 'pg_class'))
FROM pg_index i JOIN rel r ON r.oid = i.indrelid
UNION ALL
SELECT concat_ws(' ', 'sequence', r.name, format_type(s.seqtypid, NULL), s.seqstart,
                 s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle,
                 (SELECT string_agg(concat_ws(' ', d.deptype, d.refobjid::regclass, d.refobjsubid),
                                    ',' ORDER BY 1)
                  FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                    AND d.objid = s.seqrelid AND d.refclassid = 'pg_class'::regclass))
FROM pg_sequence s JOIN rel r ON r.oid = s.seqrelid
UNION ALL
SELECT concat_ws(' ', 'trigger', pg_get_triggerdef(tg.oid), tg.tgenabled)
FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid WHERE NOT tg.tgisinternal
UNION ALL
SELECT concat_ws(' ', 'type', n.nspname || '.' || t.typname, t.typtype, t.typnotnull,
                 format_type(t.typbasetype, t.typtypmod), t.typdefault,
                 (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                  FROM pg_enum e WHERE e.enumtypid = t.oid),
                 (SELECT string_agg(pg_get_constraintdef(c.oid), ',' ORDER BY c.conname)
                  FROM pg_constraint c WHERE c.contypid = t.oid),
                 obj_description(t.oid, 'pg_type'))
FROM pg_type t JOIN ns n ON n.oid = t.typnamespace
WHERE t.typtype IN ('e', 'd', 'r', 'm', 'b') AND t.typelem = 0
UNION ALL
SELECT concat_ws(' ', 'function', pg_get_functiondef(p.oid),
                 obj_description(p.oid, 'pg_proc'))
FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p')
UNION ALL
SELECT concat_ws(' ', 'function', p.prokind, p.oid::regprocedure::text)
FROM pg_proc p JOIN ns n ON n.oid = p.pronamespace WHERE p.prokind NOT IN ('f', 'p')
UNION ALL
SELECT concat_ws(' ', 'extension', extname, extversion) FROM pg_extension
UNION ALL
SELECT concat_ws(' ', 'policy', r.name, po.polname, po.polcmd, po.polpermissive,
                 pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
FROM pg_policy po JOIN rel r ON r.oid = po.polrelid
"""

def catalog_lines(connection: Connection) -> list[str]:
    """The fingerprint's lines, sorted (read in the connection's transaction)."""
    import sqlalchemy as sa

    rows = connection.execute(sa.text(FINGERPRINT_SQL),
                              {"own": [MARKER_TABLE, PROGRESS_TABLE, FILLFACTOR_KEPT]}).scalars()
    return sorted(rows)


def fingerprint(connection: Connection) -> str:
    """A digest of the schema of ``connection``'s database (see the module's docstring)."""
    digest = hashlib.sha256(f"fingerprint {FINGERPRINT_VERSION}\n".encode())
    for line in catalog_lines(connection):
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def is_empty(connection: Connection) -> bool:
    """True for a database with nothing in it but an empty public schema (and extensions)."""
    return all(line.startswith(("schema public ", "extension "))
               for line in catalog_lines(connection))


def chain_key(connection: Connection, revision: str) -> str | None:
    """What ``revision``'s schema depends on, as one digest; None if it cannot be told."""
    import sqlalchemy as sa

    chain = revisions.chain()
    digest = hashlib.sha256(f"chain {FINGERPRINT_VERSION}\n".encode())
    try:
        scripts = sorted(revisions.script_directory().iterate_revisions(revision, "base"),
                         key=lambda s: s.revision)
        if not scripts:
            return None
        for path in (chain.env_py, ONLINE_HELPERS, *(Path(s.path) for s in scripts)):
            digest.update(str(path.name if path else None).encode() + b"\n")
            digest.update(path.read_bytes() if path else b"")
    except Exception:  # an unknown revision, an unreadable file: no shortcut, the full check
        return None
    major = connection.execute(sa.text("SELECT current_setting('server_version_num')::int / 10000")
                               ).scalar()
    digest.update(f"server {major}\n".encode())
    return digest.hexdigest()


def record_path(root: Path | None = None) -> Path:
    return (root or revisions.chain().root) / RECORD


def recorded(key: str, root: Path | None = None) -> str | None:
    """The fingerprint recorded for ``key``, if any."""
    try:
        known = json.loads(record_path(root).read_text())
    except (OSError, ValueError):
        return None
    value = known.get(key) if isinstance(known, dict) else None
    return value if isinstance(value, str) else None


def record(key: str, value: str, root: Path | None = None) -> None:
    """Remember that what ``key`` names makes the schema ``value`` (best effort)."""
    path = record_path(root)
    try:
        known = json.loads(path.read_text())
    except (OSError, ValueError):
        known = {}
    if not isinstance(known, dict):
        known = {}
    if known.get(key) == value:
        return
    known.pop(key, None)
    known[key] = value  # newest last; the oldest go first
    known = dict(list(known.items())[-RECORDS_KEPT:])
    written = None
    try:
        path.parent.mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, prefix=".expected-",
                                         delete=False) as out:
            written = Path(out.name)
            json.dump(known, out, indent=0)
        written.replace(path)  # whole or not at all, whoever reads it meanwhile
    except OSError as exc:  # a read-only checkout: no record, the full check each time
        log.debug("could not record an expected schema in %s: %s", path, exc)
        if written is not None:
            written.unlink(missing_ok=True)


def is_what_revision_makes(connection: Connection, revision: str) -> bool:
    """True when ``connection``'s schema is the one recorded for ``revision`` of this chain."""
    key = chain_key(connection, revision)
    expected = recorded(key) if key else None
    return expected is not None and fingerprint(connection) == expected


def remember(connection: Connection, revision: str) -> None:
    """Record ``connection``'s schema as what ``revision`` makes (a scratch build, or an upgrade
    from an empty database)."""
    key = chain_key(connection, revision)
    if key:
        record(key, fingerprint(connection))


# -- seeding: the guards' verdict on a schema already seen -----------------------------------
#
# The seeding scripts check that the database is at the chain's head and matches the models
# (``dbkit.exercise.seeding``): reading the chain's revisions and comparing the live schema
# with the models take Alembic's import and its autogenerate comparison, a tenth of a
# 100,000-row run. Their verdict is a function of the chain's files, the models' files, the
# stamped revision and the live schema: once they passed, that is recorded (the head, and
# the schema's fingerprint, and the models' recruits columns) under a digest of those files,
# and a database stamped with that head whose schema has that fingerprint passes them again
# without Alembic or the models' import. Any change of a file, of the stamp or of the schema
# takes the full guards.

def seeding_key(connection: Connection, chain: Project) -> str | None:
    """A digest of what the seeding guards' verdict depends on, besides the database: every
    file of the chain's revisions, its env.py, ``dbkit/online.py``, the models' files and
    the server's major version; None when the chain is not a plain one."""
    import importlib.util

    import sqlalchemy as sa

    if any(chain.options.get(option) for option in ("version_table", "version_table_schema")):
        return None  # the stamp is not where the plain query below reads it
    digest = hashlib.sha256(f"seeding {FINGERPRINT_VERSION}\n".encode())
    try:
        spec = importlib.util.find_spec("models")
        if spec is None or not spec.origin:
            return None
        origin = Path(spec.origin)
        models = sorted(origin.parent.rglob("*.py")) if origin.name == "__init__.py" else [origin]
        revision_files = sorted(p for folder in chain.versions for p in folder.rglob("*.py"))
        for path in (chain.env_py, ONLINE_HELPERS, *models, *revision_files):
            digest.update(f"{path}\n".encode())
            digest.update(path.read_bytes() if path else b"")
    except (OSError, ValueError, ImportError):
        return None
    major = connection.execute(sa.text("SELECT current_setting('server_version_num')::int / 10000")
                               ).scalar()
    digest.update(f"server {major}\n".encode())
    return digest.hexdigest()


def stamped(connection: Connection) -> list[str]:
    """The revisions in ``alembic_version`` (none if it has no such table), without Alembic."""
    import sqlalchemy as sa

    if connection.execute(sa.text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return []
    return sorted(connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalars())


def seeding_guards_passed(connection: Connection, chain: Project) -> set[str] | None:
    """The models' recruits columns, recorded with the verdict, when this database as it is
    already passed the seeding guards with these files (stamped with the head recorded for
    them, its schema the one recorded with it); else None."""
    key = seeding_key(connection, chain)
    entry = recorded(key, chain.root) if key else None
    parts = entry.split(" ") if entry else []
    if len(parts) != 3:
        return None
    head, schema, columns = parts
    if stamped(connection) != [head] or fingerprint(connection) != schema:
        return None
    return set(columns.split(","))


def remember_seeding_guards(connection: Connection, chain: Project, head: str,
                            columns: set[str]) -> None:
    """Record that this database (at ``head``, as it is now) passed the seeding guards, with
    the models' recruits ``columns`` (the models' files are part of the key)."""
    key = seeding_key(connection, chain)
    if key and all(c and "," not in c and " " not in c for c in columns):
        record(key, f"{head} {fingerprint(connection)} {','.join(sorted(columns))}", chain.root)
