"""The migration chain on a real PostgreSQL: its shape, every step up and down, and the schema at head."""

from __future__ import annotations

import itertools
import re

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from support.commands import PROJECT_ROOT, alembic

from dbkit import revisions
from dbkit.state import marker
from models import Base

CHAIN = [script.revision for script in reversed(list(revisions.script_directory().walk_revisions()))]


def stamped(engine: sa.Engine) -> str | None:
    with engine.connect() as connection:
        return revisions.current(connection)


def tables(engine: sa.Engine) -> set[str]:
    inspector = sa.inspect(engine)
    return {f"{schema}.{table}" for schema in ("public", "archive")
            for table in inspector.get_table_names(schema=schema)}


def test_the_chain_has_one_head_and_reads_in_order():
    assert len(revisions.script_directory().get_heads()) == 1
    files = sorted(p.name for p in (PROJECT_ROOT / "migrations" / "versions").glob("*.py"))
    assert [re.match(r"(\d{4})_", name).group(1) for name in files] == CHAIN
    assert [f"{n:04d}" for n in range(1, len(CHAIN) + 1)] == CHAIN
    for older, newer in itertools.pairwise(CHAIN):
        assert revisions.script_directory().get_revision(newer).down_revision == older


def test_upgrade_from_base_to_head(database_url, engine):
    alembic("upgrade", "head", url=database_url)

    assert stamped(engine) == revisions.head()
    assert tables(engine) == {"public.alembic_version", f"public.{marker.MARKER_TABLE}",
                              "public.recruits", "public.cohorts", "archive.recruit_id_numbers"}


def test_models_match_the_schema_at_head(database_url, engine):
    alembic("upgrade", "head", url=database_url)

    with engine.connect() as connection:
        context = MigrationContext.configure(connection,
                                             opts={"include_name": marker.include_name})
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


@pytest.mark.parametrize("revision", CHAIN)
def test_stairway_up_down_up(revision, database_url, engine, same_schema_as):
    """Each revision upgrades, downgrades to the one before, and upgrades again; after the
    downgrade the schema is exactly what the revision before makes (columns, types,
    nullability, defaults, constraints, indexes, sequences), and after the upgrade again
    exactly what this one makes."""
    before = revisions.script_directory().get_revision(revision).down_revision
    alembic("upgrade", revision, url=database_url)
    alembic("downgrade", "-1", url=database_url)
    assert stamped(engine) == before
    assert same_schema_as(engine, before) == []
    alembic("upgrade", revision, url=database_url)
    assert stamped(engine) == revision
    assert same_schema_as(engine, revision) == []


def test_downgrade_to_base_leaves_nothing_behind(database_url, engine):
    alembic("upgrade", "head", url=database_url)
    alembic("downgrade", "base", url=database_url)

    # Alembic's version table and the dev/prod marker stay; nothing of the exercise does.
    assert tables(engine) == {"public.alembic_version", f"public.{marker.MARKER_TABLE}"}
    assert stamped(engine) is None
    with engine.connect() as connection:
        assert connection.execute(sa.text(
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'archive'")).scalar() == 0


def test_offline_sql_renders_the_whole_chain(database_url):
    from support.commands import run

    result = run("alembic", "upgrade", "head", "--sql", url=database_url)

    assert result.returncode == 0, result.stderr
    for statement in ("CREATE TABLE recruits", "RENAME chatname TO rocketchat_user",
                      "CREATE UNIQUE INDEX CONCURRENTLY", "VALIDATE CONSTRAINT",
                      "UPDATE alembic_version SET version_num='0008'"):
        assert statement in result.stdout
