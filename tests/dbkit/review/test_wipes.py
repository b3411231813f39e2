"""wipes.py: a loop over pg_tables that drops each table of one schema."""

from __future__ import annotations

import pytest

from dbkit.review.wipes import wipe

_DROP = "format('DROP TABLE IF EXISTS public.%I CASCADE', row.object_name)"


@pytest.mark.parametrize(("loop", "spares"), [
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", ()),
    ("SELECT tablename AS object_name FROM pg_tables WHERE schemaname = 'public'"
     " AND tablename <> 'alembic_version'", ("alembic_version",)),
    ("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'"
     " AND tablename NOT IN ('alembic_version', 'Keep')", ("alembic_version", "keep")),
    # (read by PostgreSQL's parser: an alias, the tests in any order, lines broken anywhere)
    ("SELECT t.tablename\n  FROM pg_tables t\n WHERE t.tablename != 'alembic_version'\n"
     "   AND t.schemaname = 'public';", ("alembic_version",)),
])
def test_a_loop_dropping_the_tables_of_a_schema_is_a_wipe(loop, spares):
    op = wipe(loop, [_DROP], 1, 1)
    assert op is not None and (op.name, op.table, op.keys) == ("wipe", "public", spares)


def test_the_drop_may_name_the_schema_the_loop_reads():
    drop = "format('DROP TABLE IF EXISTS %I.%I CASCADE', r.schemaname, r.tablename);"
    op = wipe("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", [drop], 1, 1)
    assert op is not None and op.table == "public"


@pytest.mark.parametrize(("loop", "executes"), [
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'tmp%'",
     [_DROP]),  # only some tables, picked by a pattern
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
     ["format('TRUNCATE public.%I', row.tablename)"]),  # not a drop
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
     ["format('DROP TABLE other.%I', row.tablename)"]),  # another schema's namesakes
    ("SELECT viewname FROM pg_views WHERE schemaname = 'public'", [_DROP]),
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", []),
    ("SELECT tablename FROM pg_tables WHERE schemaname IN ('public', 'audit')", [_DROP]),
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public' OR tablename = 'x'", [_DROP]),
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
     ["format('DROP TABLE public.%I; DROP TABLE keep', row.tablename)"]),  # more than the one
    ("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", ["'DROP TABLE public.x'"]),
])
def test_anything_else_is_no_wipe(loop, executes):
    assert wipe(loop, executes, 1, 1) is None
